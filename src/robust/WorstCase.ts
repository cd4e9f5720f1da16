import * as tf from '@tensorflow/tfjs-core';
import type { Evaluation } from './attackGradient.js';
import { selectPerSample } from './perturbation.js';

/**
 * Keeps, per sample, the strongest adversarial point seen so far: a fooling point beats any
 * non-fooling one (the first fooling point is kept); among non-fooling points, the highest loss.
 * Serves iterates within a run and restarts across runs (the per-sample worst case).
 * Ownership: holds one tensor; `take()` hands it over, `dispose()` frees it otherwise.
 */
export class WorstCase {
  private x: tf.Tensor;
  private readonly loss: Float32Array;
  private readonly fooledFlags: Uint8Array;

  /** Starts at a copy of `start` with no point recorded (every sample is replaced by the first offer). */
  constructor(start: tf.Tensor) {
    const B = start.shape[1]!;
    this.x = tf.clone(start);
    this.loss = new Float32Array(B).fill(-Infinity);
    this.fooledFlags = new Uint8Array(B);
  }

  /** Per-sample fooled flags of the kept points (a copy). */
  get fooled(): Uint8Array {
    return Uint8Array.from(this.fooledFlags);
  }

  /** Takes the samples of `candidate` that beat the kept ones. `candidate` is not disposed. */
  offer(candidate: tf.Tensor, e: Evaluation): void {
    const B = this.loss.length;
    const take = new Float32Array(B);
    for (let b = 0; b < B; b++) {
      const was = this.fooledFlags[b] === 1;
      const is = e.fooled[b] === 1;
      if ((is && !was) || (!is && !was && e.loss[b]! > this.loss[b]!)) {
        take[b] = 1;
        this.loss[b] = e.loss[b]!;
        this.fooledFlags[b] = e.fooled[b]!;
      }
    }
    if (!take.some((t) => t === 1)) return;
    const next = selectPerSample(this.x, candidate, take);
    this.x.dispose();
    this.x = next;
  }

  /** Hands the kept points `[T, B, …]` to the caller (this tracker must not be used after). */
  take(): tf.Tensor {
    return this.x;
  }

  dispose(): void {
    this.x.dispose();
  }
}
