import { adversarialRandomGap, attackSuccessRate, robustAccuracy } from '../metrics.js';
import { obfuscationChecks, type AuditSummary } from '../obfuscationChecks.js';
import { effortEps, type AuditAttack, type AuditSettings } from './AuditSettings.js';
import { unitKey, type AuditUnit } from './AuditUnit.js';
import type { AuditReport, AttackPoint, SparsityEntry, SweepPoint } from './AuditReport.js';
import { AUDIT_SCHEMA, AUDIT_SCHEMA_VERSION } from './AuditReport.js';
import { batchCount } from './auditBatches.js';
import type { AuditRun } from './runAudit.js';
import type { UnitResult } from './runUnit.js';
import { parseFlags } from './unitEncoding.js';

/** What the report says about the model and data beyond their hashes (e.g. checkpoint path, generator options). */
export interface AuditSubjects {
  readonly model: { readonly name: string; readonly input: readonly number[]; readonly classes: number } & Readonly<Record<string, unknown>>;
  readonly data: { readonly shape: readonly number[]; readonly source: Readonly<Record<string, unknown>> };
}

const HISTOGRAM_BINS = 20;

/** The results of one unit kind over every batch, in sample order. */
class Units {
  private readonly batches: number;
  constructor(private readonly run: AuditRun) {
    this.batches = batchCount(run.labels.length, run.settings.batchSize);
  }

  all(unit: (batch: number) => AuditUnit): UnitResult[] {
    return Array.from({ length: this.batches }, (_, b) => this.run.units.get(unitKey(unit(b)))!);
  }

  flags(unit: (batch: number) => AuditUnit): string {
    return this.all(unit).map((r) => r.fooled).join('');
  }
}

/**
 * Turns a finished audit into its report: accuracies, success rates, gaps, timing, members,
 * obfuscation checks per ε, gradient sparsity, examples and every per-sample outcome.
 * @example const report = summarizeAudit(await runAudit(o), { model: {...}, data: {...} });
 */
export function summarizeAudit(run: AuditRun, subjects: AuditSubjects): AuditReport {
  const s = run.settings;
  const u = new Units(run);
  const N = run.labels.length;
  const cleanWrong = u.flags((batch) => ({ kind: 'clean', batch }));
  const outcomes: Record<string, string> = {};
  const sweep = s.eps.map((eps) => sweepPoint(s, u, eps, parseFlags(cleanWrong), outcomes, N));
  const examples = s.attacks.flatMap((attack) => {
    const e = run.units.get(unitKey({ kind: 'attack', attack, eps: effortEps(s), batch: 0 }))?.example;
    return e === undefined ? [] : [{ attack, eps: effortEps(s), ...e }];
  });
  return {
    schema: AUDIT_SCHEMA, version: AUDIT_SCHEMA_VERSION, key: run.key,
    model: { ...subjects.model, sha256: run.modelHash },
    data: { samples: N, shape: subjects.data.shape, sha256: run.dataHash, source: subjects.data.source, clamp: run.clamp },
    settings: s,
    clean: { accuracy: robustAccuracy(parseFlags(cleanWrong)) },
    sweep, sparsity: sparsity(u.all((batch) => ({ kind: 'clean', batch }))), examples,
    samples: { labels: Array.from(run.labels), cleanWrong, outcomes },
  };
}

function sweepPoint(s: AuditSettings, u: Units, eps: number, cleanWrong: Uint8Array, outcomes: Record<string, string>, N: number): SweepPoint {
  const randomFlags = u.flags((batch) => ({ kind: 'random', eps, batch }));
  outcomes[`random@${eps}`] = randomFlags;
  const random = robustAccuracy(parseFlags(randomFlags));
  const attacks = s.attacks.map((attack): AttackPoint => {
    const results = u.all((batch) => ({ kind: 'attack', attack, eps, batch }));
    const fooled = results.map((r) => r.fooled).join('');
    outcomes[`${attack}@${eps}`] = fooled;
    const accuracy = robustAccuracy(parseFlags(fooled));
    const labels = Object.keys(results[0]?.members ?? {});
    const members = labels.map((label) => {
      const f = results.map((r) => r.members?.[label] ?? '').join('');
      outcomes[`${attack}@${eps}/${label}`] = f;
      return { label, accuracy: robustAccuracy(parseFlags(f)), successRate: attackSuccessRate(cleanWrong, parseFlags(f)) };
    });
    const queries = results[0]?.queries === undefined ? {} : { queries: results.reduce((a, r) => a + (r.queries ?? 0), 0) / results.length };
    return {
      attack, accuracy, successRate: attackSuccessRate(cleanWrong, parseFlags(fooled)), gap: adversarialRandomGap(accuracy, random),
      msPerSample: results.reduce((a, r) => a + r.ms, 0) / N, ...queries, members,
    };
  });
  return { eps, random, attacks, checks: obfuscationChecks(checkInputs(s, u, eps, random, attacks)) };
}

function checkInputs(s: AuditSettings, u: Units, eps: number, random: number, attacks: readonly AttackPoint[]): AuditSummary {
  const acc = (a: AuditAttack): number | undefined => attacks.find((p) => p.attack === a)?.accuracy;
  const strongest = (['pgd', 'apgd', 'fgsm'] as const).map((a) => attacks.find((p) => p.attack === a)).find((p) => p !== undefined);
  const last = eps === s.eps[s.eps.length - 1];
  const pgd = acc('pgd');
  const effort = eps === effortEps(s) && pgd !== undefined && s.steps >= 2
    ? [{ effort: Math.ceil(s.steps / 2) * s.restarts, accuracy: robustAccuracy(parseFlags(u.flags((batch) => ({ kind: 'effort', eps, batch })))) },
      { effort: s.steps * s.restarts, accuracy: pgd }]
    : undefined;
  const zero = last ? Math.max(...sparsity(u.all((batch) => ({ kind: 'clean', batch }))).map((e) => e.meanZeroFraction)) : undefined;
  return {
    ...defined({ fgsm: acc('fgsm'), pgd, apgd: acc('apgd'), square: acc('square'), gradientZeroFraction: zero }),
    random,
    ...(effort === undefined ? {} : { effort }),
    ...(strongest === undefined ? {} : { ensemble: { combined: strongest.accuracy, members: strongest.members } }),
    ...(last ? { largeEps: { eps, accuracy: Math.min(...attacks.map((p) => p.accuracy)) } } : {}),
  };
}

/** The entries whose value is defined (optional fields must be absent, not undefined). */
function defined(o: Record<string, number | undefined>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, number] => e[1] !== undefined));
}

function sparsity(clean: readonly UnitResult[]): SparsityEntry[] {
  const labels = Object.keys(clean[0]?.sparsity ?? {});
  return labels.map((gradient) => {
    const zero = clean.flatMap((r) => r.sparsity?.[gradient]?.zeroFraction ?? []);
    const ratio = clean.flatMap((r) => r.sparsity?.[gradient]?.l1OverL2 ?? []);
    const histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
    for (const z of zero) histogram[Math.min(HISTOGRAM_BINS - 1, Math.floor(z * HISTOGRAM_BINS))]! += 1;
    const mean = (v: number[]): number => (v.length === 0 ? 0 : v.reduce((a, b) => a + b, 0) / v.length);
    return { gradient, meanZeroFraction: mean(zero), meanL1OverL2: mean(ratio), zeroFractionHistogram: histogram };
  });
}
