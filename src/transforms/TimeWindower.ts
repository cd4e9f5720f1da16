import { type EventBatch, emptyBatch } from '../events/EventBatch.js';
import { ConfigError } from '../errors.js';
import { EventQueue } from './EventQueue.js';
import type { EventWindow } from './EventWindow.js';
import type { Slicing } from './Slicing.js';
import type { Windower } from './Windower.js';

type Emit = (w: EventWindow) => void;

/**
 * Windows of fixed duration at fixed absolute edges (see `Slicing` `by: 'time'`), incremental.
 *
 * Window `k` is `[originUs + k·hopUs, originUs + k·hopUs + windowUs)`. The first window emitted
 * is the first one that ends after the first event. Window `k` is emitted when an event at or
 * past its end arrives (then every event before that one has been seen), or at `flush`, which
 * emits the open window holding the last event (`complete: false`); with overlap, later windows
 * that would also hold the stream's last events are not emitted (as tonic's
 * `include_incomplete`). Runs of empty windows are emitted one by one up to `maxEmptyWindows`,
 * a longer run as one record with `windows` = its length (bounded time and memory for any gap).
 *
 * Out-of-order events: an event older than the latest event is still put in its window while
 * that window is open (the pending events are re-sorted, stably). An event that arrives after a
 * window that should hold it was emitted is counted in the next record's `late`; if no open
 * window holds it either, it is in no window.
 *
 * @throws ConfigError when `windowUs` is not a positive finite number, `hopUs` not in
 *   `(0, windowUs]`, or `maxEmptyWindows`/`maxPendingEvents` not a positive integer.
 * @example
 * const w = new TimeWindower({ by: 'time', windowUs: 10_000 });
 * w.push(batch, (win) => frames.push(win)); w.flush((win) => frames.push(win));
 */
export class TimeWindower implements Windower {
  private readonly lenUs: number;
  private readonly hopUs: number;
  private readonly originUs: number;
  private readonly maxEmpty: number;
  private readonly queue: EventQueue;
  private started = false;
  /** Index of the oldest window not yet emitted. */
  private next = 0;
  private lastEmittedEndUs = -Infinity;
  private late = 0;
  private dropped = 0;

  constructor(o: Extract<Slicing, { by: 'time' }>) {
    this.lenUs = o.windowUs;
    this.hopUs = o.hopUs ?? o.windowUs;
    this.originUs = o.originUs ?? 0;
    this.maxEmpty = o.maxEmptyWindows ?? 1000;
    const maxPending = o.maxPendingEvents ?? 1 << 24;
    if (!(this.lenUs > 0 && Number.isFinite(this.lenUs))) throw new ConfigError(`windowUs must be > 0, got ${this.lenUs}`);
    if (!(this.hopUs > 0 && this.hopUs <= this.lenUs)) throw new ConfigError(`hopUs must be in (0, windowUs], got ${this.hopUs}`);
    if (!Number.isFinite(this.originUs)) throw new ConfigError(`originUs must be finite, got ${this.originUs}`);
    for (const [name, v] of [['maxEmptyWindows', this.maxEmpty], ['maxPendingEvents', maxPending]] as const) {
      if (!(Number.isInteger(v) && v > 0)) throw new ConfigError(`${name} must be a positive integer, got ${v}`);
    }
    this.queue = new EventQueue(maxPending);
  }

  /** Takes one batch; emits every window that it completes. */
  push(b: EventBatch, emit: Emit): void {
    const t = b.t;
    const n = t.length;
    this.queue.sensor = { width: b.width, height: b.height };
    let i = 0;
    while (i < n) {
      const ti = t[i]!;
      if (!this.started) {
        this.started = true;
        this.next = this.firstEndingAfter(ti);
      }
      const openStartUs = this.startOf(this.next);
      if (ti < this.lastEmittedEndUs || ti < openStartUs) {
        this.late++;
        if (ti < openStartUs) { i++; continue; }
      }
      if (ti >= this.endOf(this.next)) this.advance(ti, emit);
      // Append the run of in-order events that fall before the open window's end.
      const endUs = this.endOf(this.next);
      let j = i + 1;
      while (j < n && t[j]! >= t[j - 1]! && t[j]! < endUs) j++;
      this.dropped += j - i - this.queue.append(b, i, j);
      i = j;
    }
  }

  /** Ends the stream: emits the open window holding the last event, if any. */
  flush(emit: Emit): void {
    if (!this.started) return;
    this.queue.ensureSorted();
    if (this.queue.length > 0 || this.late + this.dropped > 0) this.emitNext(this.queue.length, false, emit);
  }

  private startOf(k: number): number {
    return this.originUs + k * this.hopUs;
  }

  private endOf(k: number): number {
    return this.startOf(k) + this.lenUs;
  }

  /** Smallest window index whose end is after `tUs` (robust to rounding of the division). */
  private firstEndingAfter(tUs: number): number {
    let k = Math.floor((tUs - this.originUs - this.lenUs) / this.hopUs) + 1;
    while (this.endOf(k - 1) > tUs) k--;
    while (this.endOf(k) <= tUs) k++;
    return k;
  }

  /** Emits every window that ends at or before `tUs`. */
  private advance(tUs: number, emit: Emit): void {
    const q = this.queue;
    q.ensureSorted();
    while (this.endOf(this.next) <= tUs) {
      if (q.length > 0 && q.tAt(0) < this.endOf(this.next)) {
        this.emitNext(q.lowerBound(this.endOf(this.next)), true, emit);
      } else {
        // Every window before the one that holds the oldest pending event (or `tUs`) is empty.
        this.emitEmpty(this.firstEndingAfter(q.length > 0 ? Math.min(tUs, q.tAt(0)) : tUs), emit);
      }
    }
  }

  /** Emits windows `[next, stop)`, all empty: one by one, or collapsed when too many. */
  private emitEmpty(stop: number, emit: Emit): void {
    const run = stop - this.next;
    const one = run > this.maxEmpty;
    for (let k = this.next; k < stop; k = one ? stop : k + 1) {
      const last = one ? stop - 1 : k;
      emit(this.record(k, this.endOf(last), emptyBatch(this.queue.sensor), one ? run : 1, true));
    }
    this.next = stop;
    this.lastEmittedEndUs = this.endOf(stop - 1);
  }

  /** Emits window `next` with the `m` oldest pending events; drops those no later window holds. */
  private emitNext(m: number, complete: boolean, emit: Emit): void {
    const k = this.next;
    const w = this.record(k, this.endOf(k), this.queue.copy(0, m), 1, complete);
    this.lastEmittedEndUs = this.endOf(k);
    this.next = k + 1;
    this.queue.discard(this.queue.lowerBound(this.startOf(this.next)));
    emit(w);
  }

  private record(k: number, endUs: number, events: EventBatch, windows: number, complete: boolean): EventWindow {
    const w = { index: k, startUs: this.startOf(k), endUs, events, windows, complete, late: this.late, dropped: this.dropped };
    this.late = 0;
    this.dropped = 0;
    return w;
  }
}
