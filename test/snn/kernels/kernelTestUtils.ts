import * as tf from '@tensorflow/tfjs-core';
import { createNeuron, straightThrough, surrogateOf, type SurrogateName } from '../../../src/snn/index.js';
import type { LifKernelOptions } from '../../../src/snn/kernels/index.js';

/**
 * A surrogate the kernels do not implement (as a newer one in src/snn/surrogates.ts would be):
 * straight-through, dH/du = 1. The LIF ops must take the composed path with it.
 */
export const UNKNOWN_SURROGATE_LIF: LifKernelOptions = {
  kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: straightThrough(),
};

/** The option grid every LIF kernel test runs: each surrogate, both resets, detach on/off, IF, and a surrogate the kernels lack. */
export const LIF_CASES: readonly (readonly [string, LifKernelOptions])[] = [
  ...(['triangle', 'sigmoid', 'atan', 'rectangle', 'fastSigmoid'] as SurrogateName[]).map(
    (s) => [`${s} hard`, { kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: surrogateOf(s) }] as const),
  ['triangle γ=0.7 soft', { kind: 'lif', tau: 0.9, theta: 0.8, reset: 'soft', detachReset: false, surrogate: surrogateOf('triangle', 0.7) }],
  ['sigmoid γ=8 hard detached', { kind: 'lif', tau: 0.75, theta: 1, reset: 'hard', detachReset: true, surrogate: surrogateOf('sigmoid', 8) }],
  ['atan soft detached', { kind: 'lif', tau: 0.5, theta: 1.2, reset: 'soft', detachReset: true, surrogate: surrogateOf('atan', 3) }],
  ['IF hard', { kind: 'if', theta: 1, reset: 'hard', detachReset: false, surrogate: surrogateOf('rectangle', 0.5) }],
  ['straight-through (no kernel: composed path)', UNKNOWN_SURROGATE_LIF],
];

/** The composed oracle: createNeuron(...).run. */
export function composedLif(current: tf.Tensor, o: LifKernelOptions, v0?: tf.Tensor): { spikes: tf.Tensor; v: tf.Tensor } {
  const { spikes, state } = createNeuron(o).run(current, v0 === undefined ? undefined : { v: v0 });
  return { spikes, v: state.v };
}

/** Values and gradients of `loss = Σ a·wa + Σ b·wb` through `f`, w.r.t. every input. */
export function valuesAndGrads(
  f: (...xs: tf.Tensor[]) => [tf.Tensor, tf.Tensor], inputs: tf.Tensor[], wa: tf.Tensor, wb: tf.Tensor,
): { a: Float32Array; b: Float32Array; grads: Float32Array[] } {
  return tf.tidy(() => {
    const [a, b] = f(...inputs);
    const { grads } = tf.valueAndGrads((...xs: tf.Tensor[]) => {
      const [ya, yb] = f(...xs);
      return tf.add(tf.sum(tf.mul(ya, wa)), tf.sum(tf.mul(yb, wb)));
    })(inputs);
    return { a: a.dataSync() as Float32Array, b: b.dataSync() as Float32Array, grads: grads.map((g) => g.dataSync() as Float32Array) };
  });
}
