import type { EventBatch, SensorSize } from '../events/EventBatch.js';
import { sortByTime } from './sortByTime.js';

function inOrder(t: Float64Array, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (t[i]! < t[i - 1]!) return false;
  return true;
}

/**
 * A bounded FIFO of events in growable columns: the pending events of a windowing operator.
 * Appending copies a range of a batch (typed-array `set`, no per-event allocation); reading a
 * window copies it out, so emitted windows never alias the queue. Holds at most `maxEvents`.
 *
 * @example
 * const q = new EventQueue(1 << 20);
 * q.append(batch, 0, batch.t.length);
 * const first10 = q.copy(0, 10); q.discard(10);
 */
export class EventQueue {
  private x = new Uint16Array(0);
  private y = new Uint16Array(0);
  private t = new Float64Array(0);
  private p = new Uint8Array(0);
  private head = 0;
  private tail = 0;
  /** False once an appended event is older than the one before it. */
  private inOrder = true;
  /** Sensor size of the last batch appended. */
  sensor: SensorSize = { width: 0, height: 0 };

  /** @param maxEvents capacity in events; appends beyond it are refused (the caller counts them). */
  constructor(readonly maxEvents: number) {}

  /** Events held. */
  get length(): number {
    return this.tail - this.head;
  }

  /** Time (µs) of the `i`-th held event (0 = oldest). */
  tAt(i: number): number {
    return this.t[this.head + i]!;
  }

  /**
   * Appends `b[from, to)`, as many as fit under `maxEvents`.
   * @returns the number appended (the rest was refused).
   */
  append(b: EventBatch, from: number, to: number): number {
    this.sensor = { width: b.width, height: b.height };
    const n = Math.min(to - from, this.maxEvents - this.length);
    if (n <= 0) return 0;
    this.reserve(n);
    const at = this.tail;
    if (this.inOrder) this.inOrder = !(at > this.head && this.t[at - 1]! > b.t[from]!) && inOrder(b.t, from, from + n);
    this.x.set(b.x.subarray(from, from + n), at);
    this.y.set(b.y.subarray(from, from + n), at);
    this.t.set(b.t.subarray(from, from + n), at);
    this.p.set(b.p.subarray(from, from + n), at);
    this.tail += n;
    return n;
  }

  /** Sorts the held events by time (stably) if an append broke the order. */
  ensureSorted(): void {
    if (this.inOrder) return;
    const s = sortByTime(this.view(0, this.length));
    this.head = 0;
    this.tail = 0;
    this.inOrder = true;
    this.append(s, 0, s.t.length);
  }

  /** Index of the first held event with `t >= tUs` (held events must be sorted). */
  lowerBound(tUs: number): number {
    let lo = this.head;
    let hi = this.tail;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.t[mid]! < tUs) lo = mid + 1;
      else hi = mid;
    }
    return lo - this.head;
  }

  /** A copy of held events `[from, to)` (0 = oldest) as a new batch. */
  copy(from: number, to: number): EventBatch {
    const v = this.view(from, to);
    return { x: v.x.slice(), y: v.y.slice(), t: v.t.slice(), p: v.p.slice(), width: v.width, height: v.height };
  }

  /** Drops the `n` oldest events. */
  discard(n: number): void {
    this.head = Math.min(this.tail, this.head + n);
    if (this.head === this.tail) {
      this.head = this.tail = 0;
      this.inOrder = true;
    }
  }

  private view(from: number, to: number): EventBatch {
    const a = this.head + from;
    const b = this.head + to;
    return {
      x: this.x.subarray(a, b), y: this.y.subarray(a, b), t: this.t.subarray(a, b), p: this.p.subarray(a, b),
      width: this.sensor.width, height: this.sensor.height,
    };
  }

  /** Makes room for `n` more events: compacts, then doubles the columns as needed. */
  private reserve(n: number): void {
    if (this.tail + n <= this.t.length) return;
    const len = this.length;
    const cap = Math.max(this.t.length, 1024);
    const size = len + n <= cap ? cap : Math.max(len + n, 2 * cap);
    const grow = <A extends Uint16Array | Float64Array | Uint8Array>(a: A, make: (k: number) => A): A => {
      const next = size === a.length ? a : make(size);
      next.set(a.subarray(this.head, this.tail), 0);
      return next;
    };
    this.x = grow(this.x, (k) => new Uint16Array(k));
    this.y = grow(this.y, (k) => new Uint16Array(k));
    this.t = grow(this.t, (k) => new Float64Array(k));
    this.p = grow(this.p, (k) => new Uint8Array(k));
    this.head = 0;
    this.tail = len;
  }
}
