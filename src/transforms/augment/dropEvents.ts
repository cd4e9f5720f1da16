import type { MonoTypeOperatorFunction } from 'rxjs';
import { ConfigError } from '../../errors.js';
import type { EventBatch } from '../../events/EventBatch.js';
import type { Rng } from '../../events/Rng.js';
import type { OnFilterMetrics } from '../filters/FilterMetrics.js';
import type { FilterResult } from '../filters/FilterResult.js';
import { scratchIndices } from '../filters/scratchIndices.js';
import { selectEvents } from '../filters/selectEvents.js';
import { type AugmentRng, augmentOperator } from './augmentOperator.js';

/**
 * Drops each event independently with probability `p` (one `rng.next()` per event, dropped when
 * `< p`), counting the drops in `removed`. Tonic's `DropEvent` instead drops exactly
 * `round(p·n)` events chosen without replacement; the Bernoulli form needs no look at the whole
 * sample, so any split of a stream gives the same output for the same rng.
 *
 * @throws ConfigError unless 0 <= p <= 1.
 * @example
 * dropEvents(batch, 0.1, seededRng(3)) // about 10% fewer events
 */
export function dropEvents(b: EventBatch, p: number, rng: Rng): FilterResult {
  if (!(p >= 0 && p <= 1)) throw new ConfigError(`dropEvents: p must be in [0, 1], got ${p}`);
  const n = b.t.length;
  const idx = scratchIndices(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (rng.next() >= p) idx[m++] = i;
  return { events: selectEvents(b, idx, m), removed: n - m };
}

/**
 * {@link dropEvents} as an operator with a seeded Rng per subscription.
 * @throws ConfigError at call time unless 0 <= p <= 1.
 * @example
 * batches$.pipe(dropEventsAugment(0.2, { seed: epoch }))
 */
export function dropEventsAugment(p: number, r: AugmentRng = {}, onMetrics?: OnFilterMetrics): MonoTypeOperatorFunction<EventBatch> {
  if (!(p >= 0 && p <= 1)) throw new ConfigError(`dropEvents: p must be in [0, 1], got ${p}`);
  return augmentOperator('dropEvents', (b, rng) => dropEvents(b, p, rng), r, onMetrics);
}
