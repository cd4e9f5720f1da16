import * as tf from '@tensorflow/tfjs-core';
import type { DropoutSpec } from '../model/spec.js';
import type { Layer } from './Layer.js';

/**
 * Inverted dropout with one mask per sample shared by all T steps (SpikingJelly's multi-step
 * dropout: a unit silenced at one step of a sample is silenced at all), scaled by `1/(1−rate)`.
 * Identity outside training. The mask comes from the pass's seed (+ `offset`), so runs repeat.
 * @example buildDropout({ type: 'dropout', rate: 0.2 }, [128], 4)
 */
export function buildDropout(spec: DropoutSpec, inShape: readonly number[], offset: number): Layer {
  return {
    kind: 'dropout',
    outputShape: inShape,
    params: [],
    forward: (x, ctx) => {
      if (!ctx.training || spec.rate === 0) return { y: tf.clone(x) };
      return tf.tidy(() => {
        const b = x.shape[0]! / ctx.T;
        const keep = tf.cast(tf.greaterEqual(tf.randomUniform([1, b, ...inShape], 0, 1, 'float32', ctx.seed + offset), spec.rate), 'float32');
        const y = tf.mul(tf.reshape(x, [ctx.T, b, ...inShape]), tf.div(keep, 1 - spec.rate));
        return { y: tf.reshape(y, x.shape) };
      });
    },
  };
}
