import { type OperatorFunction, map } from 'rxjs';
import { ConfigError } from '../../errors.js';
import type { EventBatch } from '../../events/EventBatch.js';

/**
 * Spatial scale: multiply by `factor` (tonic's `Downsample(spatial_factor)`), or divide by an
 * integer `divisor` (exact: `x' = floor(x / divisor)`, no rounding error of `1/divisor`).
 */
export type SpatialScale = { readonly factor: number } | { readonly divisor: number };

/** @throws ConfigError unless the factor is finite and > 0, or the divisor an integer >= 1. */
function checkScale(s: SpatialScale): void {
  const ok = 'factor' in s
    ? Number.isFinite(s.factor) && s.factor > 0
    : Number.isInteger(s.divisor) && s.divisor >= 1;
  if (!ok) throw new ConfigError(`downsample: bad scale ${JSON.stringify(s)}`);
}

/** Scaled coordinate: `floor(v · factor)` (float64 product, as numpy) or `floor(v / divisor)`. */
function scaleOf(s: SpatialScale): (v: number) => number {
  if ('factor' in s) return (v) => Math.floor(v * s.factor);
  return (v) => Math.floor(v / s.divisor);
}

/**
 * Spatial downsample: every coordinate is scaled and floored (tonic casts `x · f` back to its
 * integer field, which truncates the same way for x >= 0). Nothing is removed and nothing merged:
 * the ⌈1/f⌉² input pixels that land on one output pixel all keep their events, so ties (same
 * pixel, same t) are kept as separate events. The new sensor size is the smallest holding every
 * mapped pixel, `floor((W − 1)·f) + 1` (for a divisor d that is `ceil(W / d)`); tonic leaves it to
 * the user.
 *
 * @throws ConfigError when the scaled sensor exceeds 65536 pixels a side.
 * @example
 * downsample(batch, { divisor: 2 }) // 346×260 → 173×130
 */
export function downsample(b: EventBatch, s: SpatialScale): EventBatch {
  const scale = scaleOf(s);
  const width = b.width > 0 ? scale(b.width - 1) + 1 : 0;
  const height = b.height > 0 ? scale(b.height - 1) + 1 : 0;
  if (width > 65536 || height > 65536) throw new ConfigError(`downsample: ${width}×${height} exceeds 65536 a side`);
  const n = b.t.length;
  const x = new Uint16Array(n);
  const y = new Uint16Array(n);
  const { x: bx, y: by } = b;
  if ('factor' in s) {
    const f = s.factor;
    for (let i = 0; i < n; i++) {
      x[i] = Math.floor(bx[i]! * f);
      y[i] = Math.floor(by[i]! * f);
    }
  } else {
    const d = s.divisor;
    for (let i = 0; i < n; i++) {
      x[i] = Math.floor(bx[i]! / d);
      y[i] = Math.floor(by[i]! / d);
    }
  }
  return { x, y, t: b.t, p: b.p, width, height };
}

/**
 * {@link downsample} as an operator (nothing removed, so no metrics). Errors go downstream.
 *
 * @throws ConfigError at call time for a bad scale.
 * @example
 * batches$.pipe(downsampleFilter({ factor: 0.25 }))
 */
export function downsampleFilter(s: SpatialScale): OperatorFunction<EventBatch, EventBatch> {
  checkScale(s);
  return map((b: EventBatch) => downsample(b, s));
}
