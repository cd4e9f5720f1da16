import * as tf from '@tensorflow/tfjs-core';
import '../gradients/registerNeuronGradients.js';

/**
 * 2×2 average pool, stride 2, VALID, of `x` `[N, H, W, C]` from ops whose gradients spikeguard
 * registers (Unpack, Pack, Reshape, Sum, Multiply): the slow path and test oracle of lifAvgPool2.
 * An odd last row/column is dropped.
 * Ownership: returns a new tensor; `x` is not disposed.
 * @example avgPool2Composed(spikes) // [N, ⌊H/2⌋, ⌊W/2⌋, C]
 */
export function avgPool2Composed(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [N = 0, H = 0, W = 0, C = 0] = x.shape;
    const Ho = Math.floor(H / 2);
    const Wo = Math.floor(W / 2);
    const even = cropAxis(cropAxis(x, 1, 2 * Ho), 2, 2 * Wo);
    return tf.mul(tf.sum(tf.reshape(even, [N, Ho, 2, Wo, 2, C]), [2, 4]), 0.25);
  });
}

/** The first `keep` entries of `axis` (identity if that is all of them). */
function cropAxis(x: tf.Tensor, axis: number, keep: number): tf.Tensor {
  if (x.shape[axis] === keep) return x;
  if (keep === 0) return tf.zeros(x.shape.map((d, i) => (i === axis ? 0 : d)));
  return tf.stack(tf.unstack(x, axis).slice(0, keep), axis);
}
