import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import { convGeometry, type ConvPad } from './convGeometry.js';
import { hasFastPath } from './fastPath.js';
import { SnnConv2dFilterGrad } from './kernelNames.js';
import { checkShape } from './lifKernelOptions.js';
import './registerSnnKernels.js';

/**
 * The filter gradient of a stride-1 NHWC `y = conv2d(x, w, pad)`: `dL/dw` `[KH, KW, Cin, Cout]`
 * from `x` and `dy = dL/dy`, accumulated from the non-zero entries of `x` only (cost ∝ density:
 * spikes and pooled spikes are mostly zero). cpu: JS kernel; wasm: SIMD on the heap; other
 * backends: tfjs's own Conv2DBackpropFilter.
 *
 * Ownership: returns a new tensor; `x` and `dy` are not disposed.
 * @throws ConfigError if the shapes do not fit together or a tensor is not float32.
 * @example const dw = conv2dFilterGrad(spikes, dy, [3, 3, 2, 16], 'same');
 */
export function conv2dFilterGrad(x: tf.Tensor, dy: tf.Tensor, filterShape: readonly number[], pad: ConvPad): tf.Tensor4D {
  const g = convGeometry(x.shape, filterShape, pad);
  checkShape('conv2dFilterGrad: dy', dy.shape, [g.N, g.Ho, g.Wo, g.Cout]);
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') throw new ConfigError('conv2dFilterGrad: x and dy must be float32');
  const kernel = hasFastPath(SnnConv2dFilterGrad) ? SnnConv2dFilterGrad : tf.Conv2DBackpropFilter;
  const attrs = { strides: 1, pad, dataFormat: 'NHWC', filterShape: [...filterShape] };
  return tf.engine().runKernel(kernel, { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}
