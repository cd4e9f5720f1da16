import type { AuditView } from './auditView.js';
import type { EventView } from './eventView.js';

/** The audits of one training method: the main one (FGSM, PGD-k, APGD-k, Square), PGD-10, the wide ensemble, event budgets. */
export interface MethodAudits {
  readonly method: string;
  readonly main: AuditView;
  readonly pgd10?: AuditView;
  readonly wide?: AuditView;
  readonly events?: EventView;
}

/** A claim or aim checked against the numbers. */
export interface Verdict {
  readonly name: string;
  readonly holds: boolean;
  /** The numbers that decide it. */
  readonly detail: string;
}

const pct = (v: number | undefined): string => (v === undefined ? '—' : (100 * v).toFixed(1));
const pts = (v: number): string => `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)}`;

/** Accuracy of `attack` at `eps` in an audit, if it ran there. */
export function accuracyAt(v: AuditView | undefined, eps: number, attack: string): number | undefined {
  return v?.sweep.find((p) => p.eps === eps)?.attacks.find((a) => a.attack === attack)?.accuracy;
}

/** The lowest accuracy any audited attack reached at `eps` (main, PGD-10 and wide audits): the worst case measured. */
export function worstAt(r: MethodAudits, eps: number): number {
  const all = [r.main, r.pgd10, r.wide].flatMap((v) => v?.sweep.find((p) => p.eps === eps)?.attacks.map((a) => a.accuracy) ?? []);
  return all.length === 0 ? Number.NaN : Math.min(...all);
}

function randomAt(v: AuditView, eps: number): number {
  const p = v.sweep.find((s) => s.eps === eps);
  return p === undefined ? Number.NaN : p.random;
}

/** Samples, ε sweep and the main audit's step count, the same for every method (the first's). */
function common(results: readonly MethodAudits[]): { eps: number[]; steps: number; samples: number } {
  const first = results[0]!.main;
  return { eps: first.sweep.map((p) => p.eps), steps: first.steps, samples: first.samples };
}

/**
 * The README's results as markdown: robust accuracy per method and ε under every attack next to
 * random noise and the gap, then gradient sparsity and the obfuscation checks, then the verdicts.
 * Generated from the audit JSONs only (`npm run results`), never typed by hand.
 */
export function resultsMarkdown(results: readonly MethodAudits[]): string {
  const { eps, steps, samples } = common(results);
  const lines: string[] = [];
  lines.push(`Accuracy (%) on the first ${samples} samples of the saccade-digits test split, L∞ ε on [0, 1] frames;`,
    `gradient attacks use the \`paper\` ensemble (a sample counts as robust only if it survives every member);`,
    `worst = the lowest accuracy of any attack at that ε; gap = random − PGD-${steps}.`, '');
  lines.push(`| method | clean | ε | random | FGSM | PGD-10 | PGD-${steps} | APGD-${steps} | Square | PGD-10, \`wide\` | worst | gap |`);
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    eps.forEach((e, i) => {
      const random = randomAt(r.main, e);
      const pgd = accuracyAt(r.main, e, 'pgd');
      const cells = [
        i === 0 ? `**${r.method}**` : '', i === 0 ? pct(r.main.clean) : '', String(e), pct(random), pct(accuracyAt(r.main, e, 'fgsm')),
        pct(accuracyAt(r.pgd10, e, 'pgd')), pct(pgd), pct(accuracyAt(r.main, e, 'apgd')), pct(accuracyAt(r.main, e, 'square')),
        pct(accuracyAt(r.wide, e, 'pgd')), pct(worstAt(r, e)), pgd === undefined ? '—' : (100 * (random - pgd)).toFixed(1),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    });
  }
  lines.push('', 'Input-gradient sparsity on clean samples (fraction of exactly-zero entries, mean ‖∇x‖₁/‖∇x‖₂) and the audits\' obfuscation checks:', '');
  lines.push('| method | zero fraction (per gradient) | ‖∇x‖₁/‖∇x‖₂ | obfuscation checks |');
  lines.push('|---|---|---|---|');
  for (const r of results) {
    const zero = r.main.sparsity.map((s) => `${s.gradient} ${(100 * s.zeroFraction).toFixed(1)} %`).join(', ');
    const l1 = r.main.sparsity.map((s) => s.l1OverL2.toFixed(0)).join(' / ');
    lines.push(`| ${r.method} | ${zero} | ${l1} | ${checkSummary(r)} |`);
  }
  lines.push('', ...eventLines(results), '');
  lines.push('Claims and aims, checked by the script on the numbers above:', '');
  for (const v of verdicts(results)) lines.push(`- ${v.holds ? '✅ holds' : '❌ fails'} — **${v.name}**: ${v.detail}`);
  return `${lines.join('\n')}\n`;
}

/** The event-budget table: success (fooled among correctly classified) of the gradient and random event attacks per budget. */
function eventLines(results: readonly MethodAudits[]): string[] {
  const withEvents = results.filter((r) => r.events !== undefined);
  if (withEvents.length === 0) return ['Event-budget attacks: not measured for these models (scripts/models/eventAttacks.ts writes `<method>.events.json`).'];
  const budgets = withEvents[0]!.events!.budgets.map((b) => b.budget);
  const rate = (s: { cleanCorrect: number; fooled: number } | undefined): string => (s === undefined || s.cleanCorrect === 0 ? '—' : pct(s.fooled / s.cleanCorrect));
  return [
    `Event-budget attacks on the first ${withEvents[0]!.events!.samples} test recordings: success (%) of the gradient-guided attack / random edits, events injected or deleted per recording:`, '',
    `| method | ${budgets.map((b) => `${b} events`).join(' | ')} |`,
    `|---|${budgets.map(() => '---:').join('|')}|`,
    ...withEvents.map((r) => `| ${r.method} | ${budgets.map((b) => {
      const row = r.events!.budgets.find((x) => x.budget === b);
      return `${rate(row?.gradient)} / ${rate(row?.random)}`;
    }).join(' | ')} |`),
  ];
}

function checkSummary(r: MethodAudits): string {
  const all = [r.main, r.pgd10, r.wide].filter((v): v is AuditView => v !== undefined).flatMap((v) => v.sweep.flatMap((p) => p.checks));
  const warned = [...new Set(all.filter((c) => c.status !== 'pass' && c.status !== 'skip').map((c) => c.check))];
  const passed = all.filter((c) => c.status === 'pass').length;
  return warned.length === 0 ? `all pass (${passed} checks)` : `warnings: ${warned.join('; ')}`;
}

/**
 * The paper's three claims and the issue's aims, each decided from the audits' numbers:
 * (1) random noise hurts far less than adversarial noise at the same ε (vanilla); (2) SR narrows
 * the random–adversarial gap and raises robust accuracy at a small clean cost (≤ 3 points);
 * (3) SR+AT is the most robust — (2) and (3) under PGD-k and under the worst case of every attack
 * audited (a defence that only beats the `paper` ensemble does not count); aims: vanilla clean ≥ 97 %, SR+AT ≥ vanilla + 30 points under
 * PGD-k at the smallest ε where vanilla < 10 % with ≤ 3 clean points lost, and the `wide` ensemble
 * and Square within 3 points of the `paper` ensemble (no gradient obfuscation).
 */
export function verdicts(results: readonly MethodAudits[]): Verdict[] {
  const { eps, steps } = common(results);
  const by = (m: string): MethodAudits | undefined => results.find((r) => r.method === m);
  const out: Verdict[] = [];
  const vanilla = by('vanilla');
  const pgd = (r: MethodAudits, e: number): number => accuracyAt(r.main, e, 'pgd') ?? Number.NaN;
  if (vanilla !== undefined) {
    const rows = eps.map((e) => ({ e, random: vanilla.main.clean - randomAt(vanilla.main, e), adversarial: vanilla.main.clean - pgd(vanilla, e) }));
    const decisive = rows.filter((r) => r.adversarial >= 0.05);
    out.push({
      name: '(1) random noise hurts far less than adversarial noise at the same ε (vanilla)',
      holds: decisive.length > 0 && decisive.every((r) => r.random <= r.adversarial / 2),
      detail: `accuracy lost to random vs PGD-${steps}: ${rows.map((r) => `ε ${r.e}: ${pts(-r.random)} vs ${pts(-r.adversarial)}`).join('; ')} (holds when random costs at most half of what PGD costs wherever PGD costs ≥ 5 points)`,
    });
  }
  const sr = by('sr');
  if (vanilla !== undefined && sr !== undefined) {
    const gap = (r: MethodAudits, e: number): number => randomAt(r.main, e) - pgd(r, e);
    const narrower = eps.every((e) => gap(sr, e) <= gap(vanilla, e));
    const higher = eps.every((e) => pgd(sr, e) >= pgd(vanilla, e) && worstAt(sr, e) >= worstAt(vanilla, e)) && eps.some((e) => worstAt(sr, e) > worstAt(vanilla, e));
    const cost = vanilla.main.clean - sr.main.clean;
    out.push({
      name: '(2) SR narrows the gap and raises robust accuracy at a small clean cost',
      holds: narrower && higher && cost <= 0.03,
      detail: `gap sr vs vanilla: ${eps.map((e) => `ε ${e}: ${pct(gap(sr, e))} vs ${pct(gap(vanilla, e))}`).join('; ')}; PGD-${steps} sr vs vanilla: ${eps.map((e) => `${pct(pgd(sr, e))} vs ${pct(pgd(vanilla, e))}`).join(', ')}; worst case sr vs vanilla: ${eps.map((e) => `${pct(worstAt(sr, e))} vs ${pct(worstAt(vanilla, e))}`).join(', ')}; clean cost ${pts(cost)} points (≤ 3 allowed)`,
    });
  }
  const srAt = by('sr+at');
  if (srAt !== undefined) {
    const others = results.filter((r) => r !== srAt);
    out.push({
      name: '(3) SR+AT is the most robust',
      holds: eps.every((e) => others.every((r) => pgd(srAt, e) >= pgd(r, e) && worstAt(srAt, e) >= worstAt(r, e))),
      detail: `PGD-${steps} (worst case) per ε: ${eps.map((e) => `ε ${e}: ${results.map((r) => `${r.method} ${pct(pgd(r, e))} (${pct(worstAt(r, e))})`).join(', ')}`).join('; ')}`,
    });
  }
  if (vanilla !== undefined) {
    out.push({ name: 'aim: vanilla clean accuracy ≥ 97 %', holds: vanilla.main.clean >= 0.97, detail: `${pct(vanilla.main.clean)} %` });
  }
  if (vanilla !== undefined && srAt !== undefined) {
    const e = eps.find((x) => pgd(vanilla, x) < 0.1);
    const lift = e === undefined ? Number.NaN : pgd(srAt, e) - pgd(vanilla, e);
    const cost = vanilla.main.clean - srAt.main.clean;
    out.push({
      name: `aim: SR+AT ≥ vanilla + 30 points under PGD-${steps} where vanilla falls below 10 %, losing ≤ 3 clean points`,
      holds: e !== undefined && lift >= 0.3 && cost <= 0.03,
      detail: e === undefined
        ? `vanilla stays ≥ 10 % at every audited ε`
        : `ε ${e}: sr+at ${pct(pgd(srAt, e))} % vs vanilla ${pct(pgd(vanilla, e))} % (${pts(lift)} points; worst case over every attack ${pct(worstAt(srAt, e))} vs ${pct(worstAt(vanilla, e))} %); clean ${pct(srAt.main.clean)} vs ${pct(vanilla.main.clean)} % (${pts(-cost)} points)`,
    });
  }
  const gaps = results.flatMap((r) => eps.flatMap((e) => {
    const paper10 = accuracyAt(r.pgd10, e, 'pgd');
    const wide10 = accuracyAt(r.wide, e, 'pgd');
    const square = accuracyAt(r.main, e, 'square');
    return [
      ...(paper10 !== undefined && wide10 !== undefined ? [{ what: `${r.method} ε ${e} wide`, by: paper10 - wide10 }] : []),
      ...(square !== undefined ? [{ what: `${r.method} ε ${e} Square`, by: pgd(r, e) - square }] : []),
    ];
  }));
  if (gaps.length > 0) {
    const worst = gaps.reduce((a, b) => (b.by > a.by ? b : a));
    out.push({
      name: 'aim: the wide ensemble and Square within 3 points of the paper ensemble (no obfuscation)',
      holds: worst.by <= 0.03,
      detail: `largest amount by which they beat the paper ensemble (wide vs PGD-10, Square vs PGD-${steps}): ${pts(worst.by)} points (${worst.what})`,
    });
  }
  return out;
}
