import * as tf from '@tensorflow/tfjs-core';

/**
 * Registers each gradient whose kernel has none yet, so a fuller registration (tfjs-node, the
 * `@tensorflow/tfjs` umbrella) wins, and calling again is harmless. Creates no tensors.
 * @example registerMissing([{ kernelName: tf.Neg, gradFunc: (dy) => ({ x: () => tf.neg(dy as tf.Tensor) }) }]);
 */
export function registerMissing(configs: readonly tf.GradConfig[]): void {
  for (const config of configs) {
    if (tf.getGradient(config.kernelName) === undefined) tf.registerGradient(config);
  }
}
