import type * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import type { SnnModel } from '../snn/index.js';
import { evaluateAt, INFERENCE } from './attackGradient.js';
import type { AttackResult } from './AttackResult.js';
import type { GradientSetting } from './GradientSetting.js';
import type { InputDomain } from './InputDomain.js';
import { WorstCase } from './WorstCase.js';

/** One attack under one gradient setting, e.g. `(m, x, y, g) => pgd(m, x, y, { ...options, gradient: g })`. */
export type AttackUnderGradient = (model: SnnModel, x: tf.Tensor, labels: Int32Array, gradient: GradientSetting) => AttackResult;

/** Outcome of one ensemble member. */
export interface MemberOutcome {
  readonly label: string;
  /** Per sample: 1 if this member's attack fooled the model. */
  readonly fooled: Uint8Array;
}

/** An ensemble attack: per member and combined (per-sample worst case) outcomes. */
export interface EnsembleResult extends AttackResult {
  readonly members: readonly MemberOutcome[];
}


/**
 * Runs `attack` once per gradient setting; a sample is robust only if it survives every member.
 * The combined `xAdv` holds, per sample, a fooling member's point (the first) or else the member
 * point of highest loss; `fooled` is 1 where any member fooled. Members' tensors are disposed.
 *
 * Ownership: `result.xAdv` is new and owned by the caller; `x` is not disposed.
 * @throws ConfigError for an empty setting list or members reporting different domains; whatever
 *   the attack throws.
 * @example ensembleAttack(model, x, labels, (m, xx, y, g) => fgsm(m, xx, y, { eps: 0.1, domain, gradient: g }), PRESETS.paper)
 */
export function ensembleAttack(model: SnnModel, x: tf.Tensor, labels: Int32Array, attack: AttackUnderGradient, settings: readonly GradientSetting[]): EnsembleResult {
  if (settings.length === 0) throw new ConfigError('ensembleAttack: no gradient settings');
  const worst = new WorstCase(x);
  const members: MemberOutcome[] = [];
  let domain: InputDomain | undefined;
  try {
    for (const g of settings) {
      const r = attack(model, x, labels, g);
      worst.offer(r.xAdv, evaluateAt(model, r.xAdv, labels, INFERENCE));
      r.xAdv.dispose();
      if (domain !== undefined && JSON.stringify(domain) !== JSON.stringify(r.domain)) {
        throw new ConfigError(`ensembleAttack: member ${g.label} ran in another domain`);
      }
      domain = r.domain;
      members.push({ label: g.label, fooled: r.fooled });
    }
  } catch (err) {
    worst.dispose();
    throw err;
  }
  return { xAdv: worst.take(), fooled: worst.fooled, members, domain: domain! };
}
