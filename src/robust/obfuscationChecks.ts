/**
 * Robust accuracies (fractions in [0, 1]) measured at one ε, plus the extra runs the checks need.
 * Every field is optional: a check whose inputs are missing is reported as `skip`.
 */
export interface AuditSummary {
  readonly fgsm?: number;
  readonly pgd?: number;
  readonly apgd?: number;
  readonly square?: number;
  /** Worst-of-k random noise at the same ε. */
  readonly random?: number;
  /** The same iterative attack with growing effort (steps × restarts): accuracy per effort. */
  readonly effort?: readonly { readonly effort: number; readonly accuracy: number }[];
  readonly ensemble?: { readonly combined: number; readonly members: readonly { readonly label: string; readonly accuracy: number }[] };
  /** Accuracy under the strongest attack at a large ε (should reach about 0). */
  readonly largeEps?: { readonly eps: number; readonly accuracy: number };
  /** Mean fraction of exactly-zero input-gradient cells (see `gradientSparsity`). */
  readonly gradientZeroFraction?: number;
}

export type CheckStatus = 'pass' | 'warn' | 'skip';

export interface CheckOutcome {
  readonly check: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

export interface CheckThresholds {
  /** Accuracy slack allowed in each comparison (default 0: any violation warns). */
  readonly tolerance?: number;
  /** Largest accuracy accepted at the large ε (default 0.05). */
  readonly largeEpsAccuracy?: number;
  /** Largest mean zero-gradient fraction accepted (default 0.99). */
  readonly zeroGradient?: number;
}

const pct = (a: number): string => `${(100 * a).toFixed(1)}%`;

function outcome(check: string, ok: boolean | undefined, detail: string): CheckOutcome {
  return { check, status: ok === undefined ? 'skip' : ok ? 'pass' : 'warn', detail: ok === undefined ? 'inputs missing' : detail };
}

function whiteBox(s: AuditSummary): number | undefined {
  const v = [s.fgsm, s.pgd, s.apgd].filter((a): a is number => a !== undefined);
  return v.length === 0 ? undefined : Math.min(...v);
}

/**
 * Signs of gradient obfuscation (Athalye et al. 2018; Carlini et al. 2019) as a pass/warn list,
 * a pure function of measured accuracies: iterative attacks at least as strong as FGSM; more
 * effort never raises accuracy; adversarial no weaker than random noise; the ensemble no weaker
 * than any member; the gradient-free Square attack never stronger than the white-box attacks;
 * a large ε reaching about 0 %; input gradients not almost all zero.
 * @example obfuscationChecks({ fgsm: 0.4, pgd: 0.2, random: 0.9 }) // three pass, the rest skip
 */
export function obfuscationChecks(s: AuditSummary, t: CheckThresholds = {}): CheckOutcome[] {
  const tol = t.tolerance ?? 0;
  const iterative = [s.pgd, s.apgd].filter((a): a is number => a !== undefined);
  const best = whiteBox(s);
  const effort = [...(s.effort ?? [])].sort((a, b) => a.effort - b.effort);
  const rises = effort.slice(1).filter((e, i) => e.accuracy > effort[i]!.accuracy + tol);
  const weakerMembers = s.ensemble?.members.filter((m) => s.ensemble!.combined > m.accuracy + tol) ?? [];
  return [
    outcome('iterative ≥ single-step', s.fgsm === undefined || iterative.length === 0 ? undefined : iterative.every((a) => a <= s.fgsm! + tol),
      `FGSM ${pct(s.fgsm ?? NaN)}, iterative ${iterative.map(pct).join(', ')}`),
    outcome('more effort never raises accuracy', effort.length < 2 ? undefined : rises.length === 0,
      effort.map((e) => `${e.effort}: ${pct(e.accuracy)}`).join(', ')),
    outcome('adversarial ≤ random', best === undefined || s.random === undefined ? undefined : best <= s.random + tol,
      `white-box ${pct(best ?? NaN)}, random ${pct(s.random ?? NaN)}`),
    outcome('ensemble ≤ every member', s.ensemble === undefined ? undefined : weakerMembers.length === 0,
      `combined ${pct(s.ensemble?.combined ?? NaN)}${weakerMembers.length > 0 ? `; weaker than ${weakerMembers.map((m) => m.label).join(', ')}` : ''}`),
    outcome('Square never beats white-box', best === undefined || s.square === undefined ? undefined : s.square >= best - tol,
      `Square ${pct(s.square ?? NaN)}, white-box ${pct(best ?? NaN)}`),
    outcome('large ε reaches ~0 %', s.largeEps === undefined ? undefined : s.largeEps.accuracy <= (t.largeEpsAccuracy ?? 0.05),
      `ε = ${s.largeEps?.eps}: ${pct(s.largeEps?.accuracy ?? NaN)}`),
    outcome('gradients not almost all zero', s.gradientZeroFraction === undefined ? undefined : s.gradientZeroFraction <= (t.zeroGradient ?? 0.99),
      `${pct(s.gradientZeroFraction ?? NaN)} of input-gradient cells are exactly 0`),
  ];
}
