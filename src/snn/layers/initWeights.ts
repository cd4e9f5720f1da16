import * as tf from '@tensorflow/tfjs-core';

/**
 * PyTorch's default Conv/Linear initialisation scaled by `gain`: `U(−g/√fan_in, +g/√fan_in)`
 * (the torch peer draws conv weights with g = 6). Seeded: the same seed gives the same weights on
 * every backend (tfjs draws uniform numbers in JS).
 * Ownership: returns a new tensor owned by the caller.
 * @example const w = initUniform([3, 3, 2, 16], 18, 6, seed);
 */
export function initUniform(shape: number[], fanIn: number, gain: number, seed: number): tf.Tensor {
  const bound = gain / Math.sqrt(fanIn);
  return tf.randomUniform(shape, -bound, bound, 'float32', seed);
}

/**
 * A variable holding `initial`'s values; `initial` is disposed (tf.variable keeps the tensor
 * alive otherwise, a leak per parameter).
 * @example const w = ownVariable(initUniform([10], 4, 1, 0));
 */
export function ownVariable(initial: tf.Tensor, trainable = true): tf.Variable {
  const v = tf.variable(initial, trainable);
  initial.dispose();
  return v;
}
