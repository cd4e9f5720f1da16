import type * as tf from '@tensorflow/tfjs-core';
import type { Surrogate } from '../surrogates.js';

/** How spiking layers pass gradient backward: per-step surrogates (BPTT) or firing rates (RGA). */
export type GradientMode = 'surrogate' | 'rate';

/** What a forward pass needs beyond its input; the same for every layer of one pass. */
export interface ForwardContext {
  /** Time steps folded into dimension 0 (`[T·B, …]`, T-major). */
  readonly T: number;
  /** Training: batch statistics in batch norm, dropout active. */
  readonly training: boolean;
  /** Replaces every spiking layer's surrogate for this pass (e.g. an attack's choice). */
  readonly surrogate?: Surrogate;
  readonly gradient: GradientMode;
  /** Seed of this pass's dropout masks (training only). */
  readonly seed: number;
}

/** A named parameter: trainable weights, or running statistics updated outside the gradient. */
export interface Param {
  readonly name: string;
  readonly variable: tf.Variable;
  readonly trainable: boolean;
}

/** Output of one layer: `y`, and for spiking layers the final membrane (streaming state). */
export interface LayerOutput {
  readonly y: tf.Tensor;
  readonly v?: tf.Tensor;
}

/**
 * A built layer: its shapes, parameters and forward function on folded-time tensors.
 * Ownership: `forward` returns new tensors; its input is not disposed; `v0` (spiking layers: the
 * membrane at the start, `[B, …]`) is read, not disposed.
 */
export interface Layer {
  readonly kind: string;
  /** Per-sample output shape (without T·B). */
  readonly outputShape: readonly number[];
  readonly params: readonly Param[];
  forward(x: tf.Tensor, ctx: ForwardContext, v0?: tf.Tensor): LayerOutput;
  /** Pooling layers: window (= stride). */
  readonly poolSize?: number;
  /**
   * Spiking layers that can fuse a following 2×2 average pool: this layer then the pool in one
   * kernel (equal values and gradients; surrogate-gradient passes only).
   */
  readonly forwardAvgPool2?: (x: tf.Tensor, ctx: ForwardContext, v0?: tf.Tensor) => LayerOutput;
}

/** Size of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
