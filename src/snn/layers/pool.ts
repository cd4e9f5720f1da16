import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import '../gradients/registerLayerGradients.js';
import type { PoolSpec } from '../model/spec.js';
import type { Layer } from './Layer.js';

/**
 * Average or max pooling, window = stride = `size`, VALID (an odd last row/column is dropped,
 * as PyTorch's `avg_pool2d(x, 2)`: 17 → 8).
 * @throws ConfigError if the input is not `[H, W, C]` or smaller than the window.
 * @example buildPool({ type: 'avgPool', size: 2 }, [34, 34, 16], 'pool1')
 */
export function buildPool(spec: PoolSpec, inShape: readonly number[], name: string): Layer {
  if (inShape.length !== 3) throw new ConfigError(`${name}: ${spec.type} needs an [H, W, C] input, got [${inShape.join(', ')}]`);
  const [h, w, c] = inShape as [number, number, number];
  const s = spec.size;
  if (h < s || w < s) throw new ConfigError(`${name}: window ${s} larger than input ${h}×${w}`);
  const pool = spec.type === 'avgPool' ? tf.avgPool : tf.maxPool;
  return {
    kind: spec.type,
    outputShape: [Math.floor(h / s), Math.floor(w / s), c],
    params: [],
    poolSize: s,
    forward: (x) => ({ y: pool(x as tf.Tensor4D, s, s, 'valid') }),
  };
}
