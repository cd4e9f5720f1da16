import type { EventBatch } from '../events/EventBatch.js';
import { ConfigError } from '../errors.js';
import { EventQueue } from './EventQueue.js';
import type { EventWindow } from './EventWindow.js';
import type { Slicing } from './Slicing.js';
import type { Windower } from './Windower.js';
import { sortByTime } from './sortByTime.js';

type Emit = (w: EventWindow) => void;

/**
 * Windows of `events` events each, a new one every `hop` events, in arrival order (see
 * `Slicing` `by: 'count'`), incremental. Window `j` holds stream events `[j·hop, j·hop + events)`.
 * `flush` emits one partial window (`complete: false`) when events arrived after the last full
 * window started, as tonic's `SliceByEventCount(include_incomplete=True)`.
 * A window's bounds are its earliest and latest `t` (closed); its events are sorted by `t`.
 *
 * @throws ConfigError unless `events` and `hop` are integers with `1 <= hop <= events`.
 * @example
 * const w = new CountWindower({ by: 'count', events: 5000 });
 * w.push(batch, (win) => out.push(win)); w.flush((win) => out.push(win));
 */
export class CountWindower implements Windower {
  private readonly size: number;
  private readonly hop: number;
  private readonly queue: EventQueue;
  private index = 0;
  /** Events appended since the last window was emitted. */
  private fresh = 0;

  constructor(o: Extract<Slicing, { by: 'count' }>) {
    this.size = o.events;
    this.hop = o.hop ?? o.events;
    if (!(Number.isInteger(this.size) && this.size >= 1)) throw new ConfigError(`events must be an integer >= 1, got ${this.size}`);
    if (!(Number.isInteger(this.hop) && this.hop >= 1 && this.hop <= this.size)) {
      throw new ConfigError(`hop must be an integer in [1, events], got ${this.hop}`);
    }
    this.queue = new EventQueue(this.size);
  }

  /** Takes one batch; emits every window that it fills. */
  push(b: EventBatch, emit: Emit): void {
    const n = b.t.length;
    this.queue.sensor = { width: b.width, height: b.height };
    let i = 0;
    while (i < n) {
      const take = Math.min(this.size - this.queue.length, n - i);
      this.queue.append(b, i, i + take);
      this.fresh += take;
      i += take;
      if (this.queue.length === this.size) this.emitWindow(true, emit);
    }
  }

  /** Ends the stream: emits the partial window, if events arrived since the last one. */
  flush(emit: Emit): void {
    if (this.fresh > 0) this.emitWindow(false, emit);
  }

  private emitWindow(complete: boolean, emit: Emit): void {
    const events = sortByTime(this.queue.copy(0, this.queue.length));
    const t = events.t;
    const w = { index: this.index++, startUs: t[0]!, endUs: t[t.length - 1]!, events, windows: 1, complete, late: 0, dropped: 0 };
    this.queue.discard(this.hop);
    this.fresh = 0;
    emit(w);
  }
}
