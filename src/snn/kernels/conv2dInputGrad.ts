import * as tf from '@tensorflow/tfjs-core';
import { convGeometry, type ConvPad } from './convGeometry.js';
import { checkShape } from './lifKernelOptions.js';

/**
 * The input gradient of a stride-1 NHWC `y = conv2d(x, w, pad)`: `dL/dx` from `dy = dL/dy`,
 * computed by the forward `tf.conv2d` (XNNPACK on wasm, ~10× faster than wasm's own
 * Conv2DBackpropInput) of `dy` with the 180°-rotated, in/out-swapped filter and the complementary
 * padding (top `KH−1−pt`, bottom `H−Ho+pt`; same for width). Works on any backend.
 *
 * Ownership: returns a new tensor `[N, H, W, Cin]`; `dy` and `w` are not disposed.
 * @throws ConfigError if the shapes do not fit together.
 * @example const dx = conv2dInputGrad(dy, w, x.shape, 'same');
 */
export function conv2dInputGrad(dy: tf.Tensor, w: tf.Tensor, xShape: readonly number[], pad: ConvPad): tf.Tensor4D {
  const g = convGeometry(xShape, w.shape, pad);
  checkShape('conv2dInputGrad: dy', dy.shape, [g.N, g.Ho, g.Wo, g.Cout]);
  return tf.tidy(() => {
    const rotated = tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
    const padding: tf.backend_util.ExplicitPadding = [
      [0, 0], [g.KH - 1 - g.pt, g.H - g.Ho + g.pt], [g.KW - 1 - g.pl, g.W - g.Wo + g.pl], [0, 0],
    ];
    return tf.conv2d(dy as tf.Tensor4D, rotated, 1, padding);
  });
}
