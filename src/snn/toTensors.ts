import * as tf from '@tensorflow/tfjs-core';
import { type OperatorFunction, map } from 'rxjs';
import type { FrameBatch } from '../transforms/batchFrames.js';
import type { SpikeFrame } from '../transforms/SpikeFrame.js';

/** A spike tensor with the window(s) it came from. The subscriber owns (and disposes) `tensor`. */
export interface TensorOf<T> {
  readonly source: T;
  readonly tensor: tf.Tensor;
}

/**
 * Spike frames or frame batches as tfjs tensors of their shape (`[T, H, W, C]` or
 * `[T, B, H, W, C]`) on the active backend. The data is copied once into the backend.
 * Ownership: every emitted `tensor` belongs to the subscriber, which must dispose it; nothing is
 * created for frames that are never emitted.
 * @example
 * frames$.pipe(batchFrames(8), toTensors()).subscribe(({ tensor }) => { classify(tensor); tensor.dispose(); });
 */
export function toTensors<T extends SpikeFrame | FrameBatch>(): OperatorFunction<T, TensorOf<T>> {
  return map((source) => ({ source, tensor: tf.tensor(source.data, [...source.shape], 'float32') }));
}
