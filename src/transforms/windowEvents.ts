import { Observable, type OperatorFunction } from 'rxjs';
import type { EventBatch } from '../events/EventBatch.js';
import { CountWindower } from './CountWindower.js';
import type { EventWindow } from './EventWindow.js';
import type { Slicing } from './Slicing.js';
import { TimeWindower } from './TimeWindower.js';
import type { Windower } from './Windower.js';
import { WholeStreamWindower } from './WholeStreamWindower.js';

function windowerFor(s: Slicing): Windower {
  switch (s.by) {
    case 'time': return new TimeWindower(s);
    case 'count': return new CountWindower(s);
    case 'timeBins':
    case 'eventBins': return new WholeStreamWindower(s);
  }
}

/**
 * Cuts a stream of event batches into windows (see {@link Slicing} for the ways and their
 * edges, and {@link EventWindow} for what each record carries). Any split of the same events
 * into batches gives the same windows. Windows are emitted synchronously on the batch that
 * completes them; the last partial window on completion. Each subscription has its own state,
 * released on teardown. Errors of the kernel (ConfigError for an over-full whole-stream buffer)
 * go downstream.
 *
 * ```
 * batches: --a-----b---------|      (a: t=0,3 ms; b: t=25 ms), windowUs = 10 ms
 * windows: --------(xy)------(z|)   x=[0,10) {0,3}, y=[10,20) {}, z=[20,30) {25} partial
 * ```
 *
 * @throws ConfigError at call time when the options are invalid (see each windower).
 * @example
 * batches$.pipe(windowEvents({ by: 'time', windowUs: 50_000 }), toFrames({ width: 128, height: 128 }))
 */
export function windowEvents(s: Slicing): OperatorFunction<EventBatch, EventWindow> {
  windowerFor(s); // validates the options now, not at subscription
  return (source) => new Observable<EventWindow>((sub) => {
    let w: Windower | null = windowerFor(s);
    const emit = (win: EventWindow): void => sub.next(win);
    const inner = source.subscribe({
      next: (b) => {
        try { w?.push(b, emit); } catch (e) { sub.error(e); }
      },
      error: (e: unknown) => sub.error(e),
      complete: () => {
        try { w?.flush(emit); } catch (e) { sub.error(e); return; }
        sub.complete();
      },
    });
    return () => {
      inner.unsubscribe();
      w = null; // frees the pending events
    };
  });
}
