import type * as tf from '@tensorflow/tfjs-core';
import type { SnnModel } from '../../snn/index.js';
import { apgd } from '../apgd.js';
import type { AttackResult } from '../AttackResult.js';
import { ensembleAttack, type AttackUnderGradient, type MemberOutcome } from '../ensembleAttack.js';
import { fgsm } from '../fgsm.js';
import { parseGradientSettings } from '../GradientSetting.js';
import { cleanAccuracy, gradientSparsity } from '../metrics.js';
import { pgd } from '../pgd.js';
import { randomNoise } from '../randomNoise.js';
import { square } from '../square.js';
import { effortEps, stepSizeAt, type AuditAttack, type AuditSettings } from './AuditSettings.js';
import { unitSeed, type AuditUnit } from './AuditUnit.js';
import { exampleFrames, flags, rounded, type ExampleFrames } from './unitEncoding.js';

/** A unit's outcome as plain JSON data (what the state file keeps and workers send back). */
export interface UnitResult {
  /** Per sample of the batch `0`/`1`: clean → misclassified; otherwise → fooled. */
  readonly fooled: string;
  /** Per ensemble member (gradient setting label): its own fooled flags. */
  readonly members?: Readonly<Record<string, string>>;
  /** Wall time of the unit in ms (the only field that differs between identical runs). */
  readonly ms: number;
  /** Batched forward passes the attack made (Square). */
  readonly queries?: number;
  /** Clean units: per gradient setting, per sample zero fraction and ‖g‖₁/‖g‖₂ of ∇x p_y. */
  readonly sparsity?: Readonly<Record<string, { readonly zeroFraction: number[]; readonly l1OverL2: number[] }>>;
  /** Batch 0 at the middle ε: the first sample clean and attacked. */
  readonly example?: ExampleFrames;
}

/**
 * Runs one unit on its batch `x` `[T, B, H, W, C]` with `labels`; deterministic given the unit
 * (its seed comes from the audit seed and the unit's key). The model runs in inference mode and
 * is not changed. Ownership: reads `x`; creates no lasting tensor.
 * @throws ConfigError from the attacks for settings they refuse.
 */
export function runUnit(model: SnnModel, x: tf.Tensor, labels: Int32Array, s: AuditSettings, u: AuditUnit, now: () => number): UnitResult {
  const start = now();
  if (u.kind === 'clean') {
    const sparsity = Object.fromEntries(parseGradientSettings(s.gradients).map((g) => {
      const r = gradientSparsity(model, x, labels, g);
      return [g.label, { zeroFraction: rounded(r.zeroFraction), l1OverL2: rounded(r.l1OverL2) }];
    }));
    return { fooled: flags(cleanAccuracy(model, x, labels).wrong), sparsity, ms: now() - start };
  }
  const seed = unitSeed(s.seed, u);
  const r: UnitAttackResult = u.kind === 'random'
    ? randomNoise(model, x, labels, { eps: u.eps, kind: s.noise, draws: s.draws, domain: s.domain, seed })
    : u.kind === 'effort'
      ? ensembleAttack(model, x, labels, pgdAttack(s, u.eps, Math.ceil(s.steps / 2), seed), parseGradientSettings(s.gradients))
      : runAttack(model, x, labels, s, u.attack, u.eps, seed);
  try {
    const ms = now() - start;
    const members = r.members === undefined ? undefined : Object.fromEntries(r.members.map((m) => [m.label, flags(m.fooled)]));
    const showExample = u.kind === 'attack' && u.batch === 0 && u.eps === effortEps(s);
    return {
      fooled: flags(r.fooled), ms,
      ...(members === undefined ? {} : { members }),
      ...(r.queries === undefined ? {} : { queries: r.queries }),
      ...(showExample ? { example: exampleFrames(x, r.xAdv) } : {}),
    };
  } finally {
    r.xAdv.dispose();
  }
}

/** An attack's result, with its ensemble members' outcomes when it ran as an ensemble. */
type UnitAttackResult = AttackResult & { readonly members?: readonly MemberOutcome[] };

function pgdAttack(s: AuditSettings, eps: number, steps: number, seed: number): AttackUnderGradient {
  return (m, x, y, gradient) => pgd(m, x, y, {
    eps, norm: 'linf', steps, stepSize: stepSizeAt(s, eps), randomStart: true, restarts: s.restarts, domain: s.domain, gradient, seed,
  });
}

function runAttack(model: SnnModel, x: tf.Tensor, labels: Int32Array, s: AuditSettings, attack: AuditAttack, eps: number, seed: number): UnitAttackResult {
  const settings = parseGradientSettings(s.gradients);
  switch (attack) {
    case 'fgsm': return ensembleAttack(model, x, labels, (m, xx, y, gradient) => fgsm(m, xx, y, { eps, domain: s.domain, gradient }), settings);
    case 'pgd': return ensembleAttack(model, x, labels, pgdAttack(s, eps, s.steps, seed), settings);
    case 'apgd': return ensembleAttack(model, x, labels, (m, xx, y, gradient) => apgd(m, xx, y, {
      eps, norm: 'linf', steps: s.steps, restarts: s.restarts, domain: s.domain, gradient, seed,
    }), settings);
    case 'square': return square(model, x, labels, { eps, queries: s.squareQueries, domain: s.domain, seed });
  }
}
