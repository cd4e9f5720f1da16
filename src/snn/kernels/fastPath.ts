import * as tf from '@tensorflow/tfjs-core';
import { snnWasmOf } from './wasm/snnWasm.js';

/**
 * Whether the active backend runs `kernelName` natively: cpu (JS kernel) or wasm with its
 * internals as expected (SIMD kernel). Otherwise the ops take the composed tfjs path.
 * On wasm, the first call checks tfjs's internals (a warning on stderr if they differ).
 * @example if (hasFastPath(SnnLif)) tf.engine().runKernel(SnnLif, inputs, attrs);
 */
export function hasFastPath(kernelName: string): boolean {
  const name = tf.getBackend();
  if (tf.getKernel(kernelName, name) === undefined) return false;
  return name !== 'wasm' || snnWasmOf(tf.backend()) !== null;
}
