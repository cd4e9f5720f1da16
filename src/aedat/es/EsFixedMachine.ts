import type { SensorSize } from '../../events/EventBatch.js';
import type { ColumnBuilder } from '../core/ColumnBuilder.js';

/** Fixed-size Event Stream 2.x types: their byte 0 is Δt plus flags, followed by a fixed payload. */
type EsFixedType = 'dvs' | 'atis' | 'color';

/** What byte 0 of a fixed-size ES stream is. */
const KIND = { Time: 0, Event: 1, Skip: 2 } as const;

/**
 * Per-type byte-0 tables (indexed by the byte): Δt to add (µs), kind (time-only overflow/reset,
 * an event to emit, or an event to count as skipped), polarity, and the payload size after byte 0.
 */
interface ByteTables {
  readonly dt: Uint8Array;
  readonly kind: Uint8Array;
  readonly p: Uint8Array;
  /** Payload bytes after byte 0; all start with x, y as uint16 LE. */
  readonly payload: number;
}

/**
 * Builds the tables from sepia's `handle_byte<type>` (neuromorphic-paris/sepia `source/sepia.hpp`):
 * DVS 0xFF overflow +127, 0xFE reset, else Δt = b >> 1, is_increase = b & 1;
 * ATIS 0b111111xx overflow +63·xx (0xFC is the reset), else Δt = b >> 2, polarity = bit 1,
 * is_threshold_crossing = bit 0 (counted, not emitted); color 0xFF +254, 0xFE reset, else Δt = b,
 * payload x, y, r, g, b (counted, not emitted).
 */
function tablesOf(type: EsFixedType): ByteTables {
  const dt = new Uint8Array(256);
  const kind = new Uint8Array(256);
  const p = new Uint8Array(256);
  for (let b = 0; b < 256; b++) {
    if (type === 'dvs') {
      dt[b] = b === 0xff ? 127 : b === 0xfe ? 0 : b >> 1;
      kind[b] = b >= 0xfe ? KIND.Time : KIND.Event;
      p[b] = b & 1;
    } else if (type === 'atis') {
      const overflow = (b & 0xfc) === 0xfc;
      dt[b] = overflow ? 63 * (b & 3) : b >> 2;
      kind[b] = overflow ? KIND.Time : (b & 1) === 1 ? KIND.Skip : KIND.Event;
      p[b] = (b >> 1) & 1;
    } else {
      dt[b] = b === 0xff ? 254 : b === 0xfe ? 0 : b;
      kind[b] = b >= 0xfe ? KIND.Time : KIND.Skip;
    }
  }
  return { dt, kind, p, payload: type === 'color' ? 7 : 4 };
}

/**
 * The byte state machine of a fixed-size ES stream. Keeps just the registers of a half-read
 * event (`got` payload bytes so far, x, y, its kind and polarity) so any chunking decodes alike;
 * `t` is the cumulative timestamp in µs from 0.
 */
export class EsFixedMachine {
  /** Cumulative time in µs. */
  t = 0;
  /** Complete events of the skipped kind (ATIS threshold crossings, color events). */
  skippedEvents = 0;
  /** Complete events outside the sensor. */
  outside = 0;
  /** Absolute offset of byte 0 of the event being read (meaningful while {@link partial}). */
  eventStart = 0;
  private readonly tab: ByteTables;
  private got = -1; // payload bytes read of the current event; -1 = idle
  private kind = 0;
  private pol = 0;
  private x = 0;
  private y = 0;

  constructor(type: EsFixedType, private readonly sensor: SensorSize) {
    this.tab = tablesOf(type);
  }

  /** True while an event is half read. */
  get partial(): boolean {
    return this.got >= 0;
  }

  /** Decodes `bytes` (whose first byte is at absolute offset `base`) into `out`. */
  decode(bytes: Uint8Array, base: number, out: ColumnBuilder): void {
    const n = bytes.length;
    out.reserve(Math.floor(n / (1 + this.tab.payload)) + 1);
    let i = 0;
    for (; i < n && this.got >= 0; i++) this.step(bytes[i]!, base + i, out);
    i = this.fast(bytes, i, out);
    for (; i < n; i++) this.step(bytes[i]!, base + i, out);
  }

  /** Whole events from `i` while one fits; returns where it stopped (idle state). */
  private fast(bytes: Uint8Array, i: number, out: ColumnBuilder): number {
    const { dt, kind, p: pol, payload } = this.tab;
    const { width, height } = this.sensor;
    const { x, y, t, p } = out;
    const last = bytes.length - payload; // byte 0 must be before this
    let k = out.n;
    let tt = this.t;
    let skip = 0;
    let outside = 0;
    while (i < last) {
      const b = bytes[i]!;
      tt += dt[b]!;
      const kd = kind[b]!;
      if (kd === KIND.Time) {
        i++;
        continue;
      }
      const xx = bytes[i + 1]! | (bytes[i + 2]! << 8);
      const yy = bytes[i + 3]! | (bytes[i + 4]! << 8);
      i += 1 + payload;
      if (kd === KIND.Skip) skip++;
      else if (xx >= width || yy >= height) outside++;
      else {
        x[k] = xx;
        y[k] = yy;
        t[k] = tt;
        p[k] = pol[b]!;
        k++;
      }
    }
    out.n = k;
    this.t = tt;
    this.skippedEvents += skip;
    this.outside += outside;
    return i;
  }

  /** One byte through the state machine (chunk edges only). */
  private step(b: number, at: number, out: ColumnBuilder): void {
    if (this.got < 0) {
      this.t += this.tab.dt[b]!;
      this.kind = this.tab.kind[b]!;
      if (this.kind === KIND.Time) return;
      this.pol = this.tab.p[b]!;
      this.got = 0;
      this.eventStart = at;
      return;
    }
    const j = this.got++;
    if (j === 0) this.x = b;
    else if (j === 1) this.x |= b << 8;
    else if (j === 2) this.y = b;
    else if (j === 3) this.y |= b << 8;
    if (this.got < this.tab.payload) return;
    this.got = -1;
    if (this.kind === KIND.Skip) this.skippedEvents++;
    else if (this.x >= this.sensor.width || this.y >= this.sensor.height) this.outside++;
    else out.push(this.t, this.x, this.y, this.pol);
  }
}
