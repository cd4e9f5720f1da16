import type { MonoTypeOperatorFunction } from 'rxjs';
import { ConfigError } from '../../errors.js';
import type { EventBatch, SensorSize } from '../../events/EventBatch.js';
import { checkNonNegative, checkSensor } from './checkSensor.js';
import type { OnFilterMetrics } from './FilterMetrics.js';
import type { FilterResult } from './FilterResult.js';
import { filterOperator } from './filterOperator.js';
import { scratchIndices } from './scratchIndices.js';
import { selectEvents } from './selectEvents.js';

/** Options of {@link refractory} and {@link refractoryFilter}. */
export interface RefractoryOptions extends SensorSize {
  /** An event is kept only if more than `refractoryUs` µs passed since its pixel's reference time. */
  readonly refractoryUs: number;
  /** Separate clocks for ON and OFF events of a pixel (default false: one clock per pixel, as tonic). */
  readonly perPolarity?: boolean;
  /**
   * Which events restart a pixel's clock. `'event'` (default, tonic's `refractory_period_numpy`
   * today: `timestamp_memory` is written after every event): a burst keeps a pixel silent until
   * it has been quiet for `refractoryUs`. `'kept'` (an earlier tonic version): only kept events restart
   * it, so a pixel fires at most once per `refractoryUs`.
   */
  readonly restartOn?: 'event' | 'kept';
}

/** Per-pixel state of {@link refractory}: the reference time in µs, −∞ before a pixel's first event. */
export function refractoryState(o: RefractoryOptions): Float64Array {
  return new Float64Array(o.width * o.height * (o.perPolarity ? 2 : 1)).fill(-Infinity);
}

/**
 * Refractory-period filter: keeps event i when `t_i − ref[pixel] > refractoryUs` (strict, so with
 * `refractoryUs = 0` a repeat at the same µs is dropped), where `ref` is the pixel's last event
 * (`restartOn: 'event'`) or last kept event (`'kept'`). A pixel's first event is always kept
 * (tonic starts its memory at `−refractory_period`, so it drops a pixel's first event at t = 0).
 * `lastUs` carries the state from batch to batch, so any split of a stream gives the same output.
 * Events outside the sensor are removed and counted in `outside`. Meant for time-sorted input;
 * an older event than the pixel's reference is dropped.
 *
 * @param lastUs state from {@link refractoryState}, updated in place.
 * @example
 * const st = refractoryState(o); const { events, removed } = refractory(batch, st, o);
 */
export function refractory(b: EventBatch, lastUs: Float64Array, o: RefractoryOptions): FilterResult {
  const { width: w, height: h, refractoryUs } = o;
  const { x, y, t, p } = b;
  const n = t.length;
  const plane = o.perPolarity ? w * h : 0;
  const everyEvent = o.restartOn !== 'kept';
  const idx = scratchIndices(n);
  let m = 0;
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (xi >= w || yi >= h) {
      outside++;
      continue;
    }
    const k = p[i]! * plane + yi * w + xi;
    const ti = t[i]!;
    const keep = ti - lastUs[k]! > refractoryUs;
    if (keep || everyEvent) lastUs[k] = ti;
    idx[m] = i; // branch-free append: kept iff m advances
    m += keep ? 1 : 0;
  }
  return { events: selectEvents(b, idx, m), removed: n - m - outside, outside };
}

function checkOptions(o: RefractoryOptions): void {
  checkSensor('refractory', o);
  checkNonNegative('refractory', 'refractoryUs', o.refractoryUs);
  if (o.restartOn !== undefined && o.restartOn !== 'event' && o.restartOn !== 'kept') {
    throw new ConfigError(`refractory: restartOn must be 'event' or 'kept', got ${String(o.restartOn)}`);
  }
}

/**
 * {@link refractory} as an operator on a stream of batches, with per-subscription state
 * (Float64 per pixel, ×2 with `perPolarity`). One output batch per input batch.
 *
 * @throws ConfigError at call time for a bad sensor size, period or `restartOn`.
 * @example
 * batches$.pipe(refractoryFilter({ width: 346, height: 260, refractoryUs: 1_000 }, (m) => log(m.removed)))
 */
export function refractoryFilter(o: RefractoryOptions, onMetrics?: OnFilterMetrics): MonoTypeOperatorFunction<EventBatch> {
  checkOptions(o);
  return filterOperator('refractory', () => {
    const lastUs = refractoryState(o);
    return { push: (b: EventBatch) => refractory(b, lastUs, o) };
  }, onMetrics);
}
