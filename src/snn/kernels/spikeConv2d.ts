import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import { conv2dFilterGrad } from './conv2dFilterGrad.js';
import { conv2dInputGrad } from './conv2dInputGrad.js';
import { convGeometry } from './convGeometry.js';
import { hasFastPath } from './fastPath.js';
import { SnnSpikeConv2d, type ConvAttrs } from './kernelNames.js';
import './registerSnnKernels.js';
import { registerMissing } from '../gradients/registerMissing.js';

/**
 * Event-driven conv2d (stride 1, dilation 1, NHWC, no bias): every non-zero input scatters
 * `x · w[ky, kx, ci, :]` into the outputs it reaches, so the cost is ∝ the input density (conv1's
 * input spikes are ~5 % ones). Exact for any finite values (summation order differs from
 * `tf.conv2d`, ~1 ulp). Gradients: `x` by {@link conv2dInputGrad}, `filter` by
 * {@link conv2dFilterGrad}. cpu: JS kernel; wasm: SIMD on the heap where it beats XNNPACK (≥ 8 input
 * channels, ≤ 50 % non-zero: counted first), else the wasm backend's Conv2D; other backends: `tf.conv2d`.
 *
 * Ownership: returns a new tensor `[N, Ho, Wo, Cout]`; `x` and `filter` are not disposed.
 * @throws ConfigError if the shapes do not fit together or a tensor is not float32.
 * @example const y = spikeConv2d(spikes, w, { pad: 'same' }); // [256,34,34,2] * [3,3,2,16]
 */
export function spikeConv2d(x: tf.Tensor4D, filter: tf.Tensor4D, options: ConvAttrs): tf.Tensor4D {
  convGeometry(x.shape, filter.shape, options.pad);
  if (x.dtype !== 'float32' || filter.dtype !== 'float32') throw new ConfigError('spikeConv2d: x and filter must be float32');
  if (!hasFastPath(SnnSpikeConv2d)) return tf.conv2d(x, filter, 1, options.pad);
  return tf.engine().runKernel(SnnSpikeConv2d, { x, filter }, { pad: options.pad }) as tf.Tensor4D;
}

type Grads = Record<string, () => tf.Tensor>;

registerMissing([{
  kernelName: SnnSpikeConv2d,
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, [x, filter], attrs): Grads => {
    const g = Array.isArray(dy) ? dy[0]! : dy;
    const { pad } = attrs as ConvAttrs;
    return { x: () => conv2dInputGrad(g, filter!, x!.shape, pad), filter: () => conv2dFilterGrad(x!, g, filter!.shape, pad) };
  },
}]);
