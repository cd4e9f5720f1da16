import type { ModelSpec } from '../model/spec.js';
import type { MethodDescriptor } from '../train/TrainingMethod.js';

/** Messages of the data-parallel protocol between the main thread and a gradient worker. */
export type ToWorker =
  | { readonly kind: 'init'; readonly spec: ModelSpec; readonly backend: string; readonly method?: MethodDescriptor }
  | {
    readonly kind: 'step';
    readonly id: number;
    /** Every parameter's values in `model.params` order (the main thread's current weights). */
    readonly weights: readonly Float32Array[];
    /** The worker's shard `[T, b, …input]`, time-major. */
    readonly x: Float32Array;
    readonly shape: readonly number[];
    readonly labels: Int32Array;
    readonly seed: number;
  }
  | { readonly kind: 'forward'; readonly id: number; readonly weights: readonly Float32Array[]; readonly x: Float32Array; readonly shape: readonly number[] };

export type FromWorker =
  | { readonly kind: 'ready'; readonly backend: string }
  | {
    readonly kind: 'grads';
    readonly id: number;
    /** Gradients of the shard's mean loss, trainable parameters in order. */
    readonly grads: Float32Array[];
    /** Non-trainable parameters (running statistics) after the step, in order. */
    readonly stats: Float32Array[];
    readonly loss: number;
    readonly correct: number;
  }
  | { readonly kind: 'logits'; readonly id: number; readonly logits: Float32Array }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };
