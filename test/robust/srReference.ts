import * as tf from '@tensorflow/tfjs-core';
import { trainableVariables, type SnnModel } from '../../src/snn/index.js';

/** The SR formula written out plainly (test oracle): separate ops, three forward passes. */

/** Per row, the largest logit other than the label's, from plain arrays. */
export function wrongClassByHand(z: Float32Array, y: Int32Array, K: number): Int32Array {
  return Int32Array.from(y, (label, b) => {
    let m = -1;
    for (let k = 0; k < K; k++) if (k !== label && (m < 0 || z[b * K + k]! > z[b * K + m]!)) m = k;
    return m;
  });
}

/** Row-wise pick of column `c[b]` of `z` `[B, K]`, by a 0/1 mask built in JS. */
function pick(z: tf.Tensor2D, c: Int32Array): tf.Tensor1D {
  const K = z.shape[1];
  const mask = new Float32Array(c.length * K);
  c.forEach((k, b) => { mask[b * K + k] = 1; });
  return tf.sum(tf.mul(z, tf.tensor2d(mask, [c.length, K])), 1);
}

/** `exp(z_y) / (exp(z_y) + exp(z_m))` per row. */
function fByHand(z: tf.Tensor2D, y: Int32Array, m: Int32Array): tf.Tensor1D {
  const [zy, zm] = [tf.exp(pick(z, y)), tf.exp(pick(z, m))];
  return tf.div(zy, tf.add(zy, zm));
}

/** Cross-entropy as `log Σ exp(z) − z_y`, averaged (small logits: no overflow guard needed). */
function ceByHand(z: tf.Tensor2D, y: Int32Array): tf.Scalar {
  return tf.mean(tf.sub(tf.log(tf.sum(tf.exp(z), 1)), pick(z, y)));
}

/** The SR loss for fixed `v` and `m`: `CE(z(x)) + λ·mean(((f(x+h·v) − f(x))/h)²)`. */
export function srLossByHand(model: SnnModel, x: tf.Tensor, y: Int32Array, v: tf.Tensor, m: Int32Array, seed: number, lambda: number, h: number): tf.Scalar {
  return tf.tidy(() => {
    const z1 = model.forward(x, { training: true, seed });
    const z2 = model.forward(tf.add(x, tf.mul(v, h)), { training: true, seed });
    const d = tf.div(tf.sub(fByHand(z2, y, m), fByHand(z1, y, m)), h);
    return tf.add(ceByHand(z1, y), tf.mul(lambda, tf.mean(tf.mul(d, d))));
  });
}

/** `m` and `v = sign(∇x Σ f)` by a separate forward and `tf.grad`. Ownership: `v` is the caller's. */
export function directionByHand(model: SnnModel, x: tf.Tensor, y: Int32Array, seed: number): { v: tf.Tensor; m: Int32Array } {
  const z = model.forward(x, { training: true, seed });
  const m = wrongClassByHand(z.dataSync() as Float32Array, y, z.shape[1]);
  z.dispose();
  const gx = tf.grad((xi: tf.Tensor) => tf.sum(fByHand(model.forward(xi, { training: true, seed }), y, m)))(x);
  const v = tf.tidy(() => tf.sign(gx));
  gx.dispose();
  return { v, m };
}

/** Loss and weight gradients (by parameter name) of the plain formula. */
export function srByHand(model: SnnModel, x: tf.Tensor, y: Int32Array, seed: number, lambda: number, h: number): { loss: number; grads: Map<string, Float32Array> } {
  const { v, m } = directionByHand(model, x, y, seed);
  const vars = trainableVariables(model);
  const { value, grads } = tf.variableGrads(() => srLossByHand(model, x, y, v, m, seed, lambda, h), [...vars.values()]);
  const out = new Map([...vars].map(([name, w]) => [name, grads[w.name]!.dataSync() as Float32Array]));
  const loss = value.dataSync()[0]!;
  tf.dispose([v, value, ...Object.values(grads)]);
  return { loss, grads: out };
}
