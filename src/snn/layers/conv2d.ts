import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import '../gradients/registerLayerGradients.js';
import { spikeConv2d } from '../kernels/spikeConv2d.js';
import type { Conv2dSpec } from '../model/spec.js';
import { initUniform, ownVariable } from './initWeights.js';
import type { Layer, Param } from './Layer.js';

/**
 * 2-D convolution, NHWC, kernel `[k, k, Cin, filters]`, on folded time `[T·B, H, W, Cin]`. Stride 1
 * runs as `spikeConv2d`: event-driven where the input is sparse (spikes, pooled spikes), dense otherwise.
 * @throws ConfigError if the input is not `[H, W, C]` or the output would be empty.
 * @example buildConv2d({ type: 'conv2d', filters: 16, kernel: 3, padding: 'same', bias: false }, [34, 34, 2], 'conv1', 1)
 */
export function buildConv2d(spec: Conv2dSpec, inShape: readonly number[], name: string, seed: number): Layer {
  if (inShape.length !== 3) throw new ConfigError(`${name}: conv2d needs an [H, W, C] input, got [${inShape.join(', ')}]`);
  const [h, w, c] = inShape as [number, number, number];
  const stride = spec.stride ?? 1;
  const k = spec.kernel;
  const out = (n: number): number => (spec.padding === 'same' ? Math.ceil(n / stride) : Math.floor((n - k) / stride) + 1);
  if (out(h) <= 0 || out(w) <= 0) throw new ConfigError(`${name}: kernel ${k} does not fit input ${h}×${w} with valid padding`);
  const fanIn = k * k * c;
  const gain = spec.gain ?? 1;
  const params: Param[] = [
    { name: `${name}.kernel`, trainable: true, variable: ownVariable(initUniform([k, k, c, spec.filters], fanIn, gain, seed)) },
  ];
  if (spec.bias) {
    params.push({ name: `${name}.bias`, trainable: true, variable: ownVariable(initUniform([spec.filters], fanIn, gain, seed + 1)) });
  }
  const [kernel, bias] = params.map((p) => p.variable);
  return {
    kind: 'conv2d',
    outputShape: [out(h), out(w), spec.filters],
    params,
    forward: (x) => tf.tidy(() => {
      const y = stride === 1
        ? spikeConv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, { pad: spec.padding })
        : tf.conv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, stride, spec.padding);
      return { y: bias === undefined ? y : tf.add(y, bias) };
    }),
  };
}
