import { type MonoTypeOperatorFunction, type OperatorFunction, map } from 'rxjs';
import { ConfigError } from '../../errors.js';
import type { EventBatch } from '../../events/EventBatch.js';
import type { OnFilterMetrics } from './FilterMetrics.js';
import type { FilterResult } from './FilterResult.js';
import { filterOperator } from './filterOperator.js';
import { scratchIndices } from './scratchIndices.js';
import { selectEvents } from './selectEvents.js';

/**
 * Keeps the events of one polarity (1 = ON, 0 = OFF); the others are counted in `removed`.
 *
 * @example
 * selectPolarity(batch, 1).events // ON events only
 */
export function selectPolarity(b: EventBatch, keep: 0 | 1): FilterResult {
  const { p } = b;
  const n = p.length;
  const idx = scratchIndices(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    idx[m] = i; // branch-free append: polarity is a coin flip for the branch predictor
    m += p[i] === keep ? 1 : 0;
  }
  return { events: selectEvents(b, idx, m), removed: n - m };
}

/**
 * Merges the polarities into one channel: every `p` becomes 0, as tonic's `MergePolarities`.
 * Frames keep two channels (0 = OFF, 1 = ON), so merged events all land in channel 0 and
 * channel 1 stays empty; a model fed merged events should read channel 0 only. Nothing removed.
 *
 * @example
 * mergePolarities(batch).p // all 0
 */
export function mergePolarities(b: EventBatch): EventBatch {
  return { ...b, p: new Uint8Array(b.t.length) };
}

/**
 * {@link selectPolarity} as an operator. One output batch per input batch.
 *
 * @throws ConfigError at call time unless `keep` is 0 or 1.
 * @example
 * batches$.pipe(polarityFilter(1, (m) => console.log(m.removed)))
 */
export function polarityFilter(keep: 0 | 1, onMetrics?: OnFilterMetrics): MonoTypeOperatorFunction<EventBatch> {
  if (keep !== 0 && keep !== 1) throw new ConfigError(`polarity: keep must be 0 or 1, got ${String(keep)}`);
  return filterOperator('polarity', () => ({ push: (b: EventBatch) => selectPolarity(b, keep) }), onMetrics);
}

/** {@link mergePolarities} as an operator. @example batches$.pipe(mergePolaritiesFilter()) */
export function mergePolaritiesFilter(): OperatorFunction<EventBatch, EventBatch> {
  return map(mergePolarities);
}
