import type { MonoTypeOperatorFunction } from 'rxjs';
import { ConfigError } from '../../errors.js';
import type { EventBatch } from '../../events/EventBatch.js';
import type { Rng } from '../../events/Rng.js';
import type { OnFilterMetrics } from '../filters/FilterMetrics.js';
import type { FilterResult } from '../filters/FilterResult.js';
import { type AugmentRng, augmentOperator } from './augmentOperator.js';
import { fillGaussian } from './gaussian.js';

/** Options of {@link spatialJitter}. */
export interface SpatialJitterOptions {
  /** Standard deviation of the x shift in pixels (tonic takes the variance `var_x`). */
  readonly sigmaX: number;
  /** Standard deviation of the y shift in pixels. */
  readonly sigmaY: number;
  /**
   * Events moved off the sensor: `'drop'` removes them (counted in `removed`; tonic's
   * `clip_outliers=True`), `'clip'` puts them on the nearest edge pixel (counted in `clipped`).
   */
  readonly outside: 'drop' | 'clip';
}

function checkOptions(o: SpatialJitterOptions): void {
  for (const [k, v] of [['sigmaX', o.sigmaX], ['sigmaY', o.sigmaY]] as const) {
    if (!(Number.isFinite(v) && v >= 0)) throw new ConfigError(`spatialJitter: ${k} must be a finite number >= 0, got ${v}`);
  }
  if (o.outside !== 'drop' && o.outside !== 'clip') throw new ConfigError(`spatialJitter: outside must be 'drop' or 'clip', got ${String(o.outside)}`);
}

/**
 * Spatial jitter: `x' = round(x + σx·z₁)`, `y' = round(y + σy·z₂)` with independent standard
 * normals z (tonic truncates the sum into its integer field; rounding is unbiased). Off-sensor
 * events are dropped or clipped per `outside`. Order and timestamps are unchanged.
 *
 * @throws ConfigError for a negative or non-finite sigma or a bad `outside`.
 * @example
 * spatialJitter(batch, { sigmaX: 1, sigmaY: 1, outside: 'drop' }, seededRng(5))
 */
export function spatialJitter(b: EventBatch, o: SpatialJitterOptions, rng: Rng): FilterResult {
  checkOptions(o);
  const n = b.t.length;
  const z = fillGaussian(rng, new Float64Array(2 * n), 1);
  const x = new Uint16Array(n);
  const y = new Uint16Array(n);
  const t = new Float64Array(n);
  const p = new Uint8Array(n);
  const w = b.width;
  const h = b.height;
  const drop = o.outside === 'drop';
  let m = 0;
  let clipped = 0;
  for (let i = 0; i < n; i++) {
    let xi = Math.round(b.x[i]! + o.sigmaX * z[2 * i]!);
    let yi = Math.round(b.y[i]! + o.sigmaY * z[2 * i + 1]!);
    if (xi < 0 || xi >= w || yi < 0 || yi >= h) {
      if (drop) continue;
      xi = Math.min(w - 1, Math.max(0, xi));
      yi = Math.min(h - 1, Math.max(0, yi));
      clipped++;
    }
    x[m] = xi;
    y[m] = yi;
    t[m] = b.t[i]!;
    p[m] = b.p[i]!;
    m++;
  }
  const cut = <A extends Uint16Array | Float64Array | Uint8Array>(a: A): A => (m === n ? a : a.slice(0, m) as A);
  const events = { x: cut(x), y: cut(y), t: cut(t), p: cut(p), width: w, height: h };
  return { events, removed: n - m, clipped };
}

/**
 * {@link spatialJitter} as an operator with a seeded Rng per subscription.
 * @throws ConfigError at call time for bad options.
 * @example
 * batches$.pipe(spatialJitterAugment({ sigmaX: 1, sigmaY: 1, outside: 'clip' }, { seed: 1 }))
 */
export function spatialJitterAugment(o: SpatialJitterOptions, r: AugmentRng = {}, onMetrics?: OnFilterMetrics): MonoTypeOperatorFunction<EventBatch> {
  checkOptions(o);
  return augmentOperator('spatialJitter', (b, rng) => spatialJitter(b, o, rng), r, onMetrics);
}
