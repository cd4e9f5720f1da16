import * as tf from '@tensorflow/tfjs-core';
import type { SnnModel } from '../snn/index.js';
import { attackForward, checkBatch, evaluateAt, INFERENCE } from './attackGradient.js';
import type { GradientSetting } from './GradientSetting.js';
import { sampleAxes } from './perturbation.js';


/** Fraction of samples with flag 0 (not fooled / correct); 0 for an empty batch. */
function fractionZero(flags: Uint8Array): number {
  if (flags.length === 0) return 0;
  let n = 0;
  for (const f of flags) if (f === 0) n++;
  return n / flags.length;
}

/**
 * Per-sample correctness of the clean input (1 = misclassified, as attack `fooled` flags) and the
 * clean accuracy. Ownership: reads `x`, creates no lasting tensor.
 */
export function cleanAccuracy(model: SnnModel, x: tf.Tensor, labels: Int32Array): { readonly accuracy: number; readonly wrong: Uint8Array } {
  checkBatch(x, labels);
  const { fooled } = evaluateAt(model, x, labels, INFERENCE);
  return { accuracy: fractionZero(fooled), wrong: fooled };
}

/** Robust accuracy: the fraction of samples the attack did not fool (a clean error counts as fooled). */
export function robustAccuracy(fooled: Uint8Array): number {
  return fractionZero(fooled);
}

/**
 * Attack success rate: among samples classified correctly when clean, the fraction the attack
 * fooled (0 when none was correct).
 */
export function attackSuccessRate(cleanWrong: Uint8Array, fooled: Uint8Array): number {
  let correct = 0;
  let flipped = 0;
  cleanWrong.forEach((w, b) => {
    if (w === 1) return;
    correct++;
    if (fooled[b] === 1) flipped++;
  });
  return correct === 0 ? 0 : flipped / correct;
}

/**
 * The adversarial–random gap: accuracy under random noise minus accuracy under the attack, at the
 * same ε (positive when the attack finds directions noise does not; the paper's central quantity).
 */
export function adversarialRandomGap(adversarialAccuracy: number, randomAccuracy: number): number {
  return randomAccuracy - adversarialAccuracy;
}

/** Sparsity of the input gradient of the true-label probability, per sample and averaged. */
export interface GradientSparsity {
  /** Per sample: fraction of input cells whose gradient is exactly 0. */
  readonly zeroFraction: Float32Array;
  /** Per sample ‖g‖₁ / ‖g‖₂ (between 1 and √n; small = sparse; 0 for an all-zero gradient). */
  readonly l1OverL2: Float32Array;
  readonly meanZeroFraction: number;
  readonly meanL1OverL2: number;
}

/**
 * Sparsity of `∇x softmax(z)_y` (the paper bounds the adversarial–random gap by it), computed
 * under one gradient setting in inference mode; each sample's gradient is its own (the sum over
 * the batch separates). Ownership: reads `x`, creates no lasting tensor.
 * @throws ConfigError for mismatched labels.
 */
export function gradientSparsity(model: SnnModel, x: tf.Tensor, labels: Int32Array, gradient: GradientSetting): GradientSparsity {
  checkBatch(x, labels);
  const opts = attackForward(gradient);
  const [zeros, l1, l2] = tf.tidy(() => {
    const target = tf.oneHot(tf.tensor1d(labels, 'int32'), model.spec.classes);
    // p_y as exp(log-softmax): the project registers LogSoftmax's gradient, not Softmax's.
    const g = tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(tf.exp(tf.logSoftmax(model.forward(xx, opts))), target)))(x);
    const axes = sampleAxes(g);
    return [tf.mean(tf.cast(tf.equal(g, 0), 'float32'), axes), tf.sum(tf.abs(g), axes), tf.sqrt(tf.sum(tf.square(g), axes))];
  });
  const zeroFraction = Float32Array.from(zeros!.dataSync());
  const n1 = Float32Array.from(l1!.dataSync());
  const n2 = Float32Array.from(l2!.dataSync());
  tf.dispose([zeros!, l1!, l2!]);
  const l1OverL2 = Float32Array.from(n1, (a, b) => (n2[b]! > 0 ? a / n2[b]! : 0));
  const mean = (v: Float32Array): number => (v.length === 0 ? 0 : v.reduce((s, a) => s + a, 0) / v.length);
  return { zeroFraction, l1OverL2, meanZeroFraction: mean(zeroFraction), meanL1OverL2: mean(l1OverL2) };
}
