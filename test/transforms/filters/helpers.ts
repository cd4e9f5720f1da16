import fc from 'fast-check';
import { type MonoTypeOperatorFunction, type OperatorFunction, from, lastValueFrom, toArray } from 'rxjs';
import { type Event, type EventBatch, batchFromEvents } from '../../../src/events/EventBatch.js';
import { concatBatches } from '../../../src/events/concatBatches.js';
import type { FilterMetrics } from '../../../src/transforms/filters/FilterMetrics.js';
import { HAVE_SHARED, SHARED_SAMPLES } from '../../helpers/samples.js';
import { decodeFile, splitAt } from '../helpers.js';

/** The small sensor random streams live on; events reach one pixel past it on each side. */
export const S = { width: 5, height: 4 };

/** A time-sorted stream of events on (and just off) {@link S}, as one batch. */
export const streamArb = (maxLength = 60): fc.Arbitrary<EventBatch> =>
  fc.array(fc.record({ dt: fc.integer({ min: 0, max: 30 }), x: fc.integer({ min: 0, max: 5 }), y: fc.integer({ min: 0, max: 4 }), p: fc.integer({ min: 0, max: 1 }) }), { maxLength })
    .map((rows) => {
      let t = 1000;
      return batchFromEvents(rows.map((r) => ({ t: (t += r.dt), x: r.x, y: r.y, p: r.p })), S);
    });

/** A stream and sorted cut points into it. */
export const splitStreamArb = (maxLength = 60): fc.Arbitrary<{ b: EventBatch; cuts: number[] }> =>
  streamArb(maxLength).chain((b) => fc.uniqueArray(fc.integer({ min: 0, max: b.t.length }), { maxLength: 6 })
    .map((cuts) => ({ b, cuts: cuts.sort((a, c) => a - c) })));

/** Events of a batch as objects. */
export { eventsOf } from '../reference.js';

/** Runs an operator over batches; returns the outputs and every metrics snapshot. */
export async function runOperator(
  make: (onMetrics: (m: FilterMetrics) => void) => MonoTypeOperatorFunction<EventBatch> | OperatorFunction<EventBatch, EventBatch>,
  batches: readonly EventBatch[],
): Promise<{ out: EventBatch[]; metrics: FilterMetrics[] }> {
  const metrics: FilterMetrics[] = [];
  const out = await lastValueFrom(from(batches).pipe(make((m) => metrics.push(m)), toArray()));
  return { out, metrics };
}

/** Splits `b` at `cuts` and concatenates what `kernel` makes of the pieces in order. */
export function splitRun(b: EventBatch, cuts: number[], kernel: (piece: EventBatch) => EventBatch): EventBatch {
  return concatBatches(splitAt(b, cuts).map(kernel), b);
}

/** A shared sample's first `limit` events (call inside a suite skipped when !HAVE_SHARED). */
export function sampleEvents(name: string, limit = 150_000): EventBatch {
  const all = decodeFile(SHARED_SAMPLES, name);
  return { ...all, x: all.x.slice(0, limit), y: all.y.slice(0, limit), t: all.t.slice(0, limit), p: all.p.slice(0, limit) };
}

/** Shared samples the filters are checked on, with sensor sizes. */
export const SAMPLES = ['nmnist_sample.bin', 'aedat2_dvs128_alex_walking_again.aedat', 'aedat4_davis346_evlib_sample.aedat4', 'evt2_gen3_640x480_expelliarmus.raw'];
export { HAVE_SHARED };

/** Plain events, for readable assertions. */
export const ev = (t: number, x: number, y: number, p = 1): Event => ({ t, x, y, p });
