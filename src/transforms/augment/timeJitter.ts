import type { MonoTypeOperatorFunction } from 'rxjs';
import { ConfigError } from '../../errors.js';
import type { EventBatch } from '../../events/EventBatch.js';
import type { Rng } from '../../events/Rng.js';
import type { OnFilterMetrics } from '../filters/FilterMetrics.js';
import type { FilterResult } from '../filters/FilterResult.js';
import { sortByTime } from '../sortByTime.js';
import { type AugmentRng, augmentOperator } from './augmentOperator.js';
import { fillGaussian } from './gaussian.js';

function checkSigma(sigmaUs: number): void {
  if (!(Number.isFinite(sigmaUs) && sigmaUs >= 0)) throw new ConfigError(`timeJitter: sigmaUs must be a finite number >= 0, got ${sigmaUs}`);
}

/**
 * Time jitter: `t' = round(t + σ·z)` µs with a standard normal z per event (rounded so times stay
 * whole µs), then the batch is re-sorted by time, stably (tonic sorts only with
 * `sort_timestamps=True`; every spikeguard consumer expects sorted batches). Times may become
 * negative (tonic's `clip_negative` is not offered). Nothing removed. Re-sorting is within the
 * batch: on a stream, a jittered event can still precede the previous batch's last one.
 *
 * @throws ConfigError for a negative or non-finite sigma.
 * @example
 * timeJitter(batch, 100, seededRng(2)).events // same events, times moved by ~±100 µs, sorted
 */
export function timeJitter(b: EventBatch, sigmaUs: number, rng: Rng): FilterResult {
  checkSigma(sigmaUs);
  const n = b.t.length;
  const t = fillGaussian(rng, new Float64Array(n), sigmaUs);
  for (let i = 0; i < n; i++) t[i] = Math.round(b.t[i]! + t[i]!);
  return { events: sortByTime({ ...b, t }), removed: 0 };
}

/**
 * {@link timeJitter} as an operator with a seeded Rng per subscription.
 * @throws ConfigError at call time for a bad sigma.
 * @example
 * batches$.pipe(timeJitterAugment(50, { seed: 4 }))
 */
export function timeJitterAugment(sigmaUs: number, r: AugmentRng = {}, onMetrics?: OnFilterMetrics): MonoTypeOperatorFunction<EventBatch> {
  checkSigma(sigmaUs);
  return augmentOperator('timeJitter', (b, rng) => timeJitter(b, sigmaUs, rng), r, onMetrics);
}
