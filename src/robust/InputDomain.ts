import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';

/**
 * Where spike tensors live; every attack result records it, and ε is stated in its units.
 * - `unit`: x ∈ [0, 1], clamped after each step (the paper's code; count frames with cells > 1
 *   are changed by the clamp — see {@link cellsAboveUnit}).
 * - `counts`: x ∈ [0, max] (count frames), clamped; ε in counts.
 * - `binary`: x ∈ {0, 1}; attacks flip cells and ε is the number of cells flipped per sample (L0).
 */
export type InputDomain =
  | { readonly kind: 'unit' }
  | { readonly kind: 'counts'; readonly max: number }
  | { readonly kind: 'binary' };

/** @throws ConfigError for a `counts` domain whose max is not finite and > 0. */
export function checkDomain(d: InputDomain): void {
  if (d.kind === 'counts' && !(d.max > 0 && Number.isFinite(d.max))) {
    throw new ConfigError(`input domain counts: max must be finite and > 0, got ${d.max}`);
  }
}

/** Upper bound of the domain's values (1 for unit and binary). */
export function domainMax(d: InputDomain): number {
  return d.kind === 'counts' ? d.max : 1;
}

/**
 * Projects `x` onto the domain: clamp to [0, max]; for `binary` also round to {0, 1} (≥ 0.5 → 1).
 * Ownership: returns a new tensor; `x` is not disposed.
 * @throws ConfigError for an invalid domain.
 * @example const xa = projectToDomain(x, { kind: 'unit' }); // caller disposes xa
 */
export function projectToDomain(x: tf.Tensor, d: InputDomain): tf.Tensor {
  checkDomain(d);
  return tf.tidy(() => {
    const clamped = tf.clipByValue(x, 0, domainMax(d));
    return d.kind === 'binary' ? tf.cast(tf.greaterEqual(clamped, 0.5), 'float32') : clamped;
  });
}

/**
 * How many cells of a clean input lie above 1, i.e. how many a `[0, 1]` clamp changes (count
 * frames clipped by the paper's convention), and the total number of cells.
 * Ownership: reads `x`, creates no lasting tensor.
 */
export function cellsAboveUnit(x: tf.Tensor): { readonly above: number; readonly cells: number } {
  const n = tf.tidy(() => tf.sum(tf.cast(tf.greater(x, 1), 'int32')));
  const above = n.dataSync()[0] ?? 0;
  n.dispose();
  return { above, cells: x.size };
}

/** A short human label, e.g. `unit`, `counts≤4`, `binary`. */
export function describeDomain(d: InputDomain): string {
  return d.kind === 'counts' ? `counts≤${d.max}` : d.kind;
}
