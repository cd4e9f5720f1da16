import * as tf from '@tensorflow/tfjs-core';
import '../gradients/registerNeuronGradients.js';

/** How a spike resets the membrane: to 0 (`hard`) or by subtracting θ (`soft`). */
export type ResetMode = 'hard' | 'soft';

/** Options of {@link reset}; both explicit (STYLE §5: the reset gradient is a choice). */
export interface ResetOptions {
  readonly mode: ResetMode;
  /** Threshold θ (membrane units), subtracted by a soft reset. */
  readonly theta: number;
  /** true: no gradient through `s` in the reset (snnTorch); false: as the torch peer. */
  readonly detach: boolean;
}

/** Identity forward, zero gradient backward (tfjs-core has no stop_gradient op). */
const stopGradient: (x: tf.Tensor) => tf.Tensor = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x] = args;
  if (!(x instanceof tf.Tensor)) throw new TypeError('stopGradient(x)');
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
});

/**
 * The value of `x` with no gradient flowing back into it.
 * Ownership: returns a new tensor; `x` is not disposed.
 * @example const sd = detach(s);
 */
export function detach(x: tf.Tensor): tf.Tensor {
  return stopGradient(x);
}

/**
 * Reset after firing: hard `v = h·(1 − s)` (the peer's reset; the gradient flows through `s`
 * unless `detach`), soft `v = h − θ·s`. `s` are the 0/1 spikes of {@link fire}.
 * Ownership: returns a new tensor; `h` and `s` are not disposed.
 * @example const v = reset(h, s, { mode: 'hard', theta: 1, detach: false });
 */
export function reset(h: tf.Tensor, s: tf.Tensor, o: ResetOptions): tf.Tensor {
  return tf.tidy(() => {
    const sr = o.detach ? detach(s) : s;
    return o.mode === 'hard' ? tf.mul(h, tf.sub(1, sr)) : tf.sub(h, tf.mul(sr, o.theta));
  });
}
