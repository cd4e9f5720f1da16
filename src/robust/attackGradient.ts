import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import type { ForwardOptions, SnnModel } from '../snn/index.js';
import type { GradientSetting } from './GradientSetting.js';

/** The forward options of an attack pass: the setting's gradient path, always inference mode. */
export function attackForward(g: GradientSetting): ForwardOptions {
  return { ...g.forward, training: false };
}

/** Plain inference passes (random baselines, metrics): the model's own gradient path, unused. */
export const INFERENCE: GradientSetting = { label: 'inference', forward: {} };

/** Logits, per-sample cross-entropy and the fooled flags at one point. */
export interface Evaluation {
  /** Per sample `-log softmax(z)_y`. */
  readonly loss: Float32Array;
  /** Per sample 1 if `argmax z ≠ y`. */
  readonly fooled: Uint8Array;
}

/** @throws ConfigError unless `x` is `[T, B, …]` with B = labels.length. */
export function checkBatch(x: tf.Tensor, labels: Int32Array): number {
  const B = x.shape[1];
  if (x.rank < 3 || B !== labels.length) {
    throw new ConfigError(`attack: x must be [T, B, …] with B = ${labels.length} labels, got [${x.shape.join(', ')}]`);
  }
  return B;
}

/** Per-sample loss and fooled flags from logits `[B, K]` (read back; nothing is disposed). */
function evaluateLogits(logits: tf.Tensor, labels: Int32Array): Evaluation {
  const [B = 0, K = 0] = logits.shape;
  const z = logits.dataSync();
  const loss = new Float32Array(B);
  const fooled = new Uint8Array(B);
  for (let b = 0; b < B; b++) {
    const row = z.subarray(b * K, (b + 1) * K);
    let max = -Infinity;
    let arg = 0;
    for (let k = 0; k < K; k++) if (row[k]! > max) [max, arg] = [row[k]!, k];
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp(row[k]! - max);
    loss[b] = Math.log(sum) + max - row[labels[b]!]!;
    fooled[b] = arg === labels[b] ? 0 : 1;
  }
  return { loss, fooled };
}

/**
 * One inference pass (no gradient): per-sample loss and fooled flags at `x`.
 * Ownership: reads `x`, creates no lasting tensor.
 */
export function evaluateAt(model: SnnModel, x: tf.Tensor, labels: Int32Array, g: GradientSetting): Evaluation {
  const logits = model.forward(x, attackForward(g));
  const out = evaluateLogits(logits, labels);
  logits.dispose();
  return out;
}

/**
 * Gradient of the summed cross-entropy `Σ_b CE(z_b, y_b)` w.r.t. `x` (so each sample's gradient is
 * its own loss's, independent of the batch), and the evaluation at `x` from the same forward pass.
 * Ownership: returns `grad` (shape of `x`) owned by the caller; `x` is not disposed.
 */
export function lossGradient(model: SnnModel, x: tf.Tensor, labels: Int32Array, g: GradientSetting): { grad: tf.Tensor; at: Evaluation } {
  let logits: tf.Tensor | undefined;
  const opts = attackForward(g);
  try {
    const grad = tf.tidy(() => {
      const y = tf.tensor1d(labels, 'int32');
      return tf.grad((xx: tf.Tensor) => {
        const z = model.forward(xx, opts);
        logits = tf.keep(tf.clone(z));
        const target = tf.oneHot(y, z.shape[1]!);
        return tf.neg(tf.sum(tf.mul(tf.logSoftmax(z), target)));
      })(x);
    });
    return { grad, at: evaluateLogits(logits!, labels) };
  } finally {
    logits?.dispose(); // kept out of tf.grad's scope: freed here, also when the backward throws
  }
}
