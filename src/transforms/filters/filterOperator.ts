import { type MonoTypeOperatorFunction, Observable } from 'rxjs';
import type { EventBatch } from '../../events/EventBatch.js';
import { safeCallback } from '../../streams/safeCallback.js';
import type { FilterMetrics, OnFilterMetrics } from './FilterMetrics.js';
import type { FilterResult } from './FilterResult.js';

/**
 * One subscription's filter: `push` maps an input batch to its result (carrying any state to the
 * next batch); `flush`, if present, gives what it still holds when the input completes.
 */
export interface StreamFilter {
  push(b: EventBatch): FilterResult;
  flush?(): FilterResult | null;
}

type Counts = { -readonly [K in keyof FilterMetrics]: FilterMetrics[K] };

function freshCounts(filter: string): Counts {
  return { filter, batches: 0, eventsIn: 0, eventsOut: 0, removed: 0, outside: 0, added: 0, clipped: 0, held: 0 };
}

function account(c: Counts, r: FilterResult): void {
  c.eventsOut += r.events.t.length;
  c.removed += r.removed;
  c.outside += r.outside ?? 0;
  c.added += r.added ?? 0;
  c.clipped += r.clipped ?? 0;
  c.held = c.eventsIn + c.added - c.eventsOut - c.removed - c.outside;
}

/**
 * The thin RxJS operator behind every filter and augmentation: one output batch per input batch
 * (possibly empty, so downstream keeps the cadence), plus the flush's batch when it is non-empty.
 * `open` runs once per subscription (state per subscription, dropped on teardown). Running counts
 * go to `onMetrics` after every batch; an exception from the kernel or the callback goes
 * downstream as the error.
 *
 * @example
 * const onlyOn = filterOperator('polarity', () => ({ push: (b) => selectPolarity(b, 1) }));
 */
export function filterOperator(
  filter: string,
  open: () => StreamFilter,
  onMetrics?: OnFilterMetrics,
): MonoTypeOperatorFunction<EventBatch> {
  return (source) => new Observable<EventBatch>((sub) => {
    let f: StreamFilter | null = open();
    const c = freshCounts(filter);
    const report = safeCallback(sub, onMetrics);
    /** Emits a result and reports the counts; false when the callback threw (the stream errored). */
    const deliver = (r: FilterResult): boolean => {
      account(c, r);
      sub.next(r.events);
      return report({ ...c });
    };
    const inner = source.subscribe({
      next: (b) => {
        if (!f) return;
        c.batches++;
        c.eventsIn += b.t.length;
        let r: FilterResult;
        try { r = f.push(b); } catch (e) { sub.error(e); return; }
        deliver(r);
      },
      error: (e: unknown) => sub.error(e),
      complete: () => {
        let r: FilterResult | null | undefined;
        try { r = f?.flush?.(); } catch (e) { sub.error(e); return; }
        if (r && (r.events.t.length > 0 || r.removed + (r.outside ?? 0) > 0) && !deliver(r)) return;
        sub.complete();
      },
    });
    return () => {
      inner.unsubscribe();
      f = null; // frees the per-pixel state
    };
  });
}
