import * as tf from '@tensorflow/tfjs-core';
import { sizeOf, type Layer } from './Layer.js';

/**
 * Flattens each sample to `[F]` (row-major over H, W, C — NHWC order, not PyTorch's CHW).
 * @example buildFlatten([8, 8, 32]) // outputShape [2048]
 */
export function buildFlatten(inShape: readonly number[]): Layer {
  const features = sizeOf(inShape);
  return {
    kind: 'flatten',
    outputShape: [features],
    params: [],
    forward: (x) => ({ y: tf.reshape(x, [x.shape[0]!, features]) }),
  };
}
