import * as tf from '@tensorflow/tfjs-core';
import type { SnnModel } from '../snn/index.js';
import { evaluateAt, checkBatch, lossGradient } from './attackGradient.js';
import type { AttackResult } from './AttackResult.js';
import { binaryInput, binaryBudget } from './binaryInput.js';
import { flipStart, flipTensor, flipTopGain } from './binaryFlips.js';
import type { GradientSetting } from './GradientSetting.js';
import { checkDomain, projectToDomain, type InputDomain } from './InputDomain.js';
import { checkNonNegative } from './perturbation.js';

export interface FgsmOptions {
  /** Budget in the domain's units: L∞ size of the step, or for `binary` the cells flipped per sample. */
  readonly eps: number;
  readonly domain: InputDomain;
  readonly gradient: GradientSetting;
}

/**
 * Fast gradient sign method (Goodfellow et al. 2015): one step `x + ε·sign(∇x CE)`, projected onto
 * the domain. Binary domain: flips the ε cells per sample whose gradient sign agrees with the flip
 * (largest first-order gain `g·(1 − 2x)`; fewer if fewer have a positive gain). Runs the model in
 * inference mode with fresh state per sample; the model is not changed.
 *
 * Ownership: `result.xAdv` is new and owned by the caller; `x` is not disposed.
 * @throws ConfigError for a negative ε, a non-integer ε on `binary`, a non-0/1 input on `binary`,
 *   an invalid domain or labels that do not match the batch.
 * @example const { xAdv, fooled } = fgsm(model, x, labels, { eps: 0.1, domain: { kind: 'unit' }, gradient: PRESETS.paper[0]! });
 */
export function fgsm(model: SnnModel, x: tf.Tensor, labels: Int32Array, o: FgsmOptions): AttackResult {
  checkDomain(o.domain);
  checkNonNegative('fgsm: eps', o.eps);
  const B = checkBatch(x, labels);
  const { grad } = lossGradient(model, x, labels, o.gradient);
  let xAdv: tf.Tensor;
  if (o.domain.kind === 'binary') {
    const k = binaryBudget('fgsm', o.eps);
    const s = flipStart(binaryInput('fgsm', x), B);
    flipTopGain(s, grad.dataSync() as Float32Array, new Int32Array(B).fill(k), B, x.size / (B * x.shape[0]!));
    xAdv = flipTensor(s, x.shape);
  } else {
    xAdv = tf.tidy(() => projectToDomain(tf.add(x, tf.mul(tf.sign(grad), o.eps)), o.domain));
  }
  grad.dispose();
  return { xAdv, fooled: evaluateAt(model, xAdv, labels, o.gradient).fooled, domain: o.domain };
}
