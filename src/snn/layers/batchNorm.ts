import * as tf from '@tensorflow/tfjs-core';
import '../gradients/registerLayerGradients.js';
import type { BatchNormSpec } from '../model/spec.js';
import { ownVariable } from './initWeights.js';
import type { Layer, Param } from './Layer.js';

/**
 * Batch norm over time × batch (and space): per channel (last axis), statistics of all `T·B·H·W`
 * values of a pass (SpikingJelly's `SeqToANNContainer(BatchNorm2d)`). Training uses the batch's
 * statistics and updates running ones (`r ← m·r + (1−m)·batch`, biased variance); inference uses
 * the running ones. Learnable scale γ (1) and shift β (0).
 * @example buildBatchNorm({ type: 'batchNorm', momentum: 0.9, epsilon: 1e-5 }, [34, 34, 16], 'bn1')
 */
export function buildBatchNorm(spec: BatchNormSpec, inShape: readonly number[], name: string): Layer {
  const channels = inShape[inShape.length - 1]!;
  const momentum = spec.momentum ?? 0.9;
  const epsilon = spec.epsilon ?? 1e-5;
  const params: Param[] = [
    { name: `${name}.gamma`, trainable: true, variable: ownVariable(tf.ones([channels])) },
    { name: `${name}.beta`, trainable: true, variable: ownVariable(tf.zeros([channels])) },
    { name: `${name}.runningMean`, trainable: false, variable: ownVariable(tf.zeros([channels]), false) },
    { name: `${name}.runningVar`, trainable: false, variable: ownVariable(tf.ones([channels]), false) },
  ];
  const [gamma, beta, runningMean, runningVar] = params.map((p) => p.variable) as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  const axes = [...Array(inShape.length + 1).keys()].slice(0, -1);
  return {
    kind: 'batchNorm',
    outputShape: inShape,
    params,
    forward: (x, ctx) => tf.tidy(() => {
      if (!ctx.training) {
        return { y: tf.add(tf.mul(tf.div(tf.sub(x, runningMean), tf.sqrt(tf.add(runningVar, epsilon))), gamma), beta) };
      }
      const { mean, variance } = tf.moments(x, axes);
      runningMean.assign(tf.add(tf.mul(runningMean, momentum), tf.mul(mean, 1 - momentum)));
      runningVar.assign(tf.add(tf.mul(runningVar, momentum), tf.mul(variance, 1 - momentum)));
      return { y: tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, epsilon))), gamma), beta) };
    }),
  };
}
