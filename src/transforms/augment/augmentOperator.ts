import type { MonoTypeOperatorFunction } from 'rxjs';
import type { EventBatch } from '../../events/EventBatch.js';
import type { Rng } from '../../events/Rng.js';
import { seededRng } from '../../events/seededRng.js';
import type { OnFilterMetrics } from '../filters/FilterMetrics.js';
import type { FilterResult } from '../filters/FilterResult.js';
import { filterOperator } from '../filters/filterOperator.js';

/** Where an augmentation operator's randomness comes from, as for `simulatedCamera`. */
export interface AugmentRng {
  /** Seed of the default {@link seededRng} (default 0). Ignored when `rng` is given. */
  readonly seed?: number;
  /** Makes the Rng of each subscription (so every subscription repeats the same draws). */
  readonly rng?: () => Rng;
}

/**
 * An augmentation kernel as an operator: a fresh Rng per subscription, so the same seed gives the
 * same output on every run; one output batch per input batch; counts to `onMetrics`.
 *
 * @example
 * augmentOperator('dropEvents', (b, rng) => dropEvents(b, 0.1, rng), { seed: 7 })
 */
export function augmentOperator(
  name: string,
  kernel: (b: EventBatch, rng: Rng) => FilterResult,
  r: AugmentRng,
  onMetrics?: OnFilterMetrics,
): MonoTypeOperatorFunction<EventBatch> {
  return filterOperator(name, () => {
    const rng = r.rng ? r.rng() : seededRng(r.seed ?? 0);
    return { push: (b: EventBatch) => kernel(b, rng) };
  }, onMetrics);
}
