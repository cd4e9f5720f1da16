import * as tf from '@tensorflow/tfjs-core';
import '../gradients/registerNeuronGradients.js';

/**
 * Charge: `h = τ·v + I` (membrane decay factor τ per step, dimensionless; input current `I` in
 * membrane units per step). `tau = null` is the IF neuron (`h = v + I`); a tensor τ (PLIF) must
 * broadcast against `v`.
 * Ownership: returns a new tensor; `v`, `input` and `tau` are not disposed.
 * @example const h = charge(v, x, 0.5); // peer's LIF: v = 0.5·v + I
 */
export function charge(v: tf.Tensor, input: tf.Tensor, tau: number | tf.Tensor | null): tf.Tensor {
  return tf.tidy(() => (tau === null ? tf.add(v, input) : tf.add(tf.mul(v, tau), input)));
}
