import * as tf from '@tensorflow/tfjs-core';
import '../gradients/registerNeuronGradients.js';
import type { Surrogate } from '../surrogates.js';

/**
 * The spike nonlinearity for one surrogate: forward `H(u) = 1 if u ≥ 0 else 0` (float32), backward
 * `dy · surrogate.grad(u)` (via `tf.customGrad`). `u = membrane − θ`, so a neuron fires when its
 * membrane reaches the threshold (`≥ θ`, DESIGN.md); the torch peer fires on `> θ` — the two
 * differ only when the membrane equals θ exactly.
 *
 * Ownership: the returned function returns a new tensor; `u` is not disposed.
 * @example
 * const H = heaviside(triangle(1));
 * const s = H(tf.sub(v, theta)); // 0/1 spikes; gradient = triangle(1).grad(v − θ)
 */
export function heaviside(surrogate: Surrogate): (u: tf.Tensor) => tf.Tensor {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [u, save] = args;
    if (!(u instanceof tf.Tensor) || typeof save !== 'function') throw new TypeError('heaviside(u)');
    save([u]);
    return {
      value: tf.tidy(() => tf.cast(tf.greaterEqual(u, 0), 'float32')),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.tidy(() => tf.mul(dy, surrogate.grad(saved[0] ?? u))),
    };
  });
}

/**
 * Fire: spikes `H(h − θ)` of the charged membrane `h` (a value after {@link charge}).
 * Ownership: returns a new tensor; `h` is not disposed.
 * @example const s = fire(h, 1, heaviside(triangle(1)));
 */
export function fire(h: tf.Tensor, theta: number, spikeFn: (u: tf.Tensor) => tf.Tensor): tf.Tensor {
  return tf.tidy(() => spikeFn(tf.sub(h, theta)));
}
