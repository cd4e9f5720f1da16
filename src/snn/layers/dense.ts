import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import '../gradients/registerLayerGradients.js';
import type { DenseSpec } from '../model/spec.js';
import { initUniform, ownVariable } from './initWeights.js';
import type { Layer, Param } from './Layer.js';

/**
 * Fully connected layer `y = x·W (+ b)`, `W: [F, units]`, on `[T·B, F]`.
 * @throws ConfigError if the input is not flat (`[F]`): put a `flatten` layer before it.
 * @example buildDense({ type: 'dense', units: 10, bias: false }, [2048], 'fc', 3)
 */
export function buildDense(spec: DenseSpec, inShape: readonly number[], name: string, seed: number): Layer {
  if (inShape.length !== 1) throw new ConfigError(`${name}: dense needs a flat input (add a flatten layer), got [${inShape.join(', ')}]`);
  const features = inShape[0]!;
  const gain = spec.gain ?? 1;
  const params: Param[] = [
    { name: `${name}.kernel`, trainable: true, variable: ownVariable(initUniform([features, spec.units], features, gain, seed)) },
  ];
  if (spec.bias) {
    params.push({ name: `${name}.bias`, trainable: true, variable: ownVariable(initUniform([spec.units], features, gain, seed + 1)) });
  }
  const [kernel, bias] = params.map((p) => p.variable);
  return {
    kind: 'dense',
    outputShape: [spec.units],
    params,
    forward: (x) => tf.tidy(() => {
      const y = tf.matMul(x, kernel!);
      return { y: bias === undefined ? y : tf.add(y, bias) };
    }),
  };
}
