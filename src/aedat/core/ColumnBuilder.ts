import type { EventBatch, SensorSize } from '../../events/EventBatch.js';

/**
 * Growable scratch columns that decoders write events into with a cursor (no per-event
 * allocation). `finish` hands out a batch that owns its arrays, and rewinds. The four columns of
 * a batch share one ArrayBuffer: consumers use each view's byteOffset/byteLength, never `.buffer` whole.
 *
 * Hot loops should call {@link reserve} once for an upper bound, then write
 * `x[n] = …; y[n] = …; t[n] = …; p[n] = …; n++` directly.
 */
export class ColumnBuilder {
  x: Uint16Array = new Uint16Array(0);
  y: Uint16Array = new Uint16Array(0);
  t: Float64Array = new Float64Array(0);
  p: Uint8Array = new Uint8Array(0);
  /** Events written since the last `finish`. */
  n = 0;

  /** Makes room for `extra` more events. */
  reserve(extra: number): void {
    const need = this.n + extra;
    if (need <= this.t.length) return;
    const fresh = allocColumns(Math.max(need, this.t.length * 2, 1024));
    copyColumns(this, fresh, this.n);
    ({ x: this.x, y: this.y, t: this.t, p: this.p } = fresh);
  }

  /** Appends one event (reserve first in hot loops and write the columns directly instead). */
  push(t: number, x: number, y: number, p: number): void {
    if (this.n === this.t.length) this.reserve(1);
    const i = this.n++;
    this.t[i] = t;
    this.x[i] = x;
    this.y[i] = y;
    this.p[i] = p;
  }

  /**
   * The events written so far as a batch that owns its arrays; the builder is rewound.
   * When the scratch is at least half full it is handed over (no copy) and fresh scratch is
   * allocated on the next `reserve`; otherwise the events are copied out, so a loose upper bound
   * (EVT 3.0 reserves 12 events a word) never pins much unused memory.
   */
  finish(sensor: SensorSize): EventBatch {
    const n = this.n;
    this.n = 0;
    const size = { width: sensor.width, height: sensor.height };
    if (n === 0) return { ...EMPTY, ...size };
    if (2 * n >= this.t.length) {
      const b = { x: this.x.subarray(0, n), y: this.y.subarray(0, n), t: this.t.subarray(0, n), p: this.p.subarray(0, n) };
      this.release();
      return { ...b, ...size };
    }
    const out = allocColumns(n);
    copyColumns(this, out, n);
    return { ...out, ...size };
  }

  /** Drops the scratch memory (call when a decoder is done). */
  release(): void {
    this.x = new Uint16Array(0);
    this.y = new Uint16Array(0);
    this.t = new Float64Array(0);
    this.p = new Uint8Array(0);
    this.n = 0;
  }
}

/** Zero-length columns can be shared: nothing can be written into them. */
const EMPTY = { x: new Uint16Array(0), y: new Uint16Array(0), t: new Float64Array(0), p: new Uint8Array(0) };

interface Columns {
  x: Uint16Array;
  y: Uint16Array;
  t: Float64Array;
  p: Uint8Array;
}

/**
 * Four columns of `n` events in one ArrayBuffer (t first, so it is 8-aligned): one allocation
 * instead of four measured ~1.5× faster decoding of large batches (allocation dominates there).
 */
function allocColumns(n: number): Columns {
  const buf = new ArrayBuffer(n * 13);
  return {
    t: new Float64Array(buf, 0, n),
    x: new Uint16Array(buf, n * 8, n),
    y: new Uint16Array(buf, n * 10, n),
    p: new Uint8Array(buf, n * 12, n),
  };
}

function copyColumns(from: Columns, to: Columns, n: number): void {
  to.x.set(from.x.subarray(0, n));
  to.y.set(from.y.subarray(0, n));
  to.t.set(from.t.subarray(0, n));
  to.p.set(from.p.subarray(0, n));
}
