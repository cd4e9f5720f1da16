import type { SensorSize } from '../../events/EventBatch.js';
import type { ColumnBuilder } from '../core/ColumnBuilder.js';
import type { Trigger } from '../core/types.js';
import { type BodyDecoder, type PropheseeTrigger, flushCounts, primeHotLoop } from './bodyTypes.js';
import { WordScratch, words16 } from './wordViews.js';

/** EVT 3.0 word types (bits 15–12 of a LE uint16). */
export const EVT3 = {
  AddrY: 0x0,
  EmAddrY: 0x1,
  AddrX: 0x2,
  VectBaseX: 0x3,
  Vect12: 0x4,
  Vect8: 0x5,
  TimeLow: 0x6,
  Continued4: 0x7,
  TimeHigh: 0x8,
  ExtTrigger: 0xa,
  Imu: 0xd,
  Others: 0xe,
  Continued12: 0xf,
} as const;

/** x and y are 11 bits: the coordinate range when the sensor size is unknown. */
export const EVT3_ADDRESS_RANGE: SensorSize = { width: 2048, height: 2048 };

/** TIME_HIGH holds timestamp bits 23..12; the 24-bit time loops after 2^24 µs (OpenEB). */
const MAX_TIME_BASE = (2 ** 12 - 1) * 4096;
const TIME_LOOP = MAX_TIME_BASE + 4096;
const LOOP_THRESHOLD = 10 << 12;
/** Words per slice, so the 12-events-per-word reservation stays small for huge chunks. */
const SLICE_WORDS = 1 << 12;

// Counter slots beyond the 16 word types.
const BEFORE_TIME_HIGH = 16;
const OUT_OF_BOUNDS = 17;
/** X/vector words after an EM_Y word: events of the (undecoded) EM type. */
const EM_EVENTS = 18;

function kindOf(code: number): string | null {
  switch (code) {
    case EVT3.EmAddrY: return 'em_addr_y';
    case EVT3.Continued4: case EVT3.Continued12: return 'continued';
    case EVT3.Imu: return 'imu';
    case EVT3.Others: return 'others';
    case BEFORE_TIME_HIGH: return 'before_time_high';
    case OUT_OF_BOUNDS: return 'out_of_bounds';
    case EM_EVENTS: return 'em';
    case 0x9: case 0xb: case 0xc: return `unknown_type_${code}`;
    default: return null;
  }
}

/**
 * The EVT 3.0 registers carried from word to word (and chunk to chunk). `tBase` is the time-high
 * part including loops (µs); `t` the current event time; `cd` false after an EM_Y word.
 */
interface Evt3Regs {
  started: boolean; y: number; xBase: number; p: number; cd: boolean; tBase: number; t: number; loops: number;
}

/**
 * EVT 3.0 body: 16-bit LE words driving a register state machine (OpenEB semantics). TIME_LOW
 * sets `t = tBase + low` and never advances the time high: a decreasing TIME_LOW is legal
 * (several event sources share one TIME_HIGH), so only TIME_HIGH moves the base, with OpenEB's
 * 2^24 µs loop detection. ADDR_X and VECT_12/VECT_8 emit CD events; EXT_TRIGGER gives triggers.
 * TIME_HIGH also resets the current time to its base (as OpenEB's standalone decoder). The ADDR_Y
 * `orig` bit (master/slave camera) is ignored. After EM_Y, X/vector words are EM events: not
 * emitted, counted as `em`, until the next ADDR_Y. Words before the first TIME_HIGH are counted
 * as `before_time_high`; CONTINUED_4/12, IMU, OTHERS and unknown types by kind.
 */
export class Evt3Body implements BodyDecoder {
  readonly unitBytes = 2;
  private readonly regs: Evt3Regs = { started: false, y: 0, xBase: 0, p: 0, cd: true, tBase: 0, t: 0, loops: 0 };
  private readonly counts = new Float64Array(19);
  private readonly scratch = new WordScratch();

  /** @param sensor bounds for events (events outside are counted as `out_of_bounds`). */
  constructor(readonly sensor: SensorSize) {
    primeHotLoop((out, triggers) => this.decodeSlice(new Uint16Array(0), 0, 0, out, triggers));
  }

  /** Decodes whole words; see {@link BodyDecoder.decode}. */
  decode(bytes: Uint8Array, out: ColumnBuilder, triggers: Trigger[], skipped: Record<string, number>): void {
    const words = words16(bytes, this.scratch);
    let i = 0;
    if (!this.regs.started) i = this.skipToTimeHigh(words);
    out.reserve(words.length - i); // a first guess (recordings give ~0.7 events a word)
    for (; i < words.length; i += SLICE_WORDS) {
      const end = Math.min(words.length, i + SLICE_WORDS);
      out.reserve(12 * (end - i)); // VECT_12 gives up to 12 events per word
      this.decodeSlice(words, i, end, out, triggers);
    }
    flushCounts(this.counts, kindOf, skipped);
  }

  /** Index of the first TIME_HIGH (not consumed), counting the words before it. */
  private skipToTimeHigh(words: Uint16Array): number {
    let i = 0;
    while (i < words.length && words[i]! >>> 12 !== EVT3.TimeHigh) i++;
    this.counts[BEFORE_TIME_HIGH]! += i;
    if (i < words.length) this.regs.started = true;
    return i;
  }

  /** The register state machine over words [from, to). */
  private decodeSlice(words: Uint16Array, from: number, to: number, out: ColumnBuilder, triggers: Trigger[]): void {
    const r = this.regs;
    const counts = this.counts;
    const { width, height } = this.sensor;
    let { y, xBase, p, cd, tBase, t } = r;
    let k = out.n;
    for (let i = from; i < to; i++) {
      const v = words[i]!;
      switch (v >>> 12) {
        case EVT3.AddrY: y = v & 0x7ff; cd = true; break;
        case EVT3.AddrX:
          k = cd ? emitOne(out, k, v & 0x7ff, y, (v >>> 11) & 1, t, width, height, counts) : em(counts, k);
          break;
        case EVT3.VectBaseX: xBase = v & 0x7ff; p = (v >>> 11) & 1; break;
        case EVT3.Vect12:
          k = cd ? emitVector(out, k, v & 0xfff, xBase, y, p, t, width, height, counts) : em(counts, k);
          xBase += 12;
          break;
        case EVT3.Vect8:
          k = cd ? emitVector(out, k, v & 0xff, xBase, y, p, t, width, height, counts) : em(counts, k);
          xBase += 8;
          break;
        case EVT3.TimeLow: t = tBase + (v & 0xfff); break;
        case EVT3.TimeHigh: tBase = this.timeHigh(tBase, v & 0xfff); t = tBase; break;
        case EVT3.ExtTrigger: triggers.push(trigger(t, v)); break;
        case EVT3.EmAddrY: cd = false; counts[EVT3.EmAddrY]!++; break;
        default: counts[v >>> 12]!++;
      }
    }
    out.n = k;
    Object.assign(r, { y, xBase, p, cd, tBase, t });
  }

  /** New time base from a TIME_HIGH value; a big backward step is a 2^24 µs loop (OpenEB). */
  private timeHigh(tBase: number, high: number): number {
    const r = this.regs;
    let next = high * 4096 + r.loops * TIME_LOOP;
    if (tBase > next && tBase - next >= MAX_TIME_BASE - LOOP_THRESHOLD) {
      next += TIME_LOOP;
      r.loops++;
    }
    return next;
  }
}

/** Writes one event at index k if inside the sensor; returns the next write index. */
function emitOne(
  out: ColumnBuilder, k: number, x: number, y: number, p: number, t: number,
  width: number, height: number, counts: Float64Array,
): number {
  if (x >= width || y >= height) {
    counts[OUT_OF_BOUNDS]!++;
    return k;
  }
  out.x[k] = x;
  out.y[k] = y;
  out.t[k] = t;
  out.p[k] = p;
  return k + 1;
}

/** One event per set bit of `valid`, at x = xBase + bit index; returns the next write index. */
function emitVector(
  out: ColumnBuilder, k: number, valid: number, xBase: number, y: number, p: number, t: number,
  width: number, height: number, counts: Float64Array,
): number {
  const { x: xs, y: ys, t: ts, p: ps } = out;
  while (valid !== 0) {
    const x = xBase + 31 - Math.clz32(valid & -valid); // lowest set bit
    valid &= valid - 1;
    if (x < width && y < height) {
      xs[k] = x;
      ys[k] = y;
      ts[k] = t;
      ps[k] = p;
      k++;
    } else counts[OUT_OF_BOUNDS]!++;
  }
  return k;
}

function em(counts: Float64Array, k: number): number {
  counts[EM_EVENTS]!++;
  return k;
}

function trigger(t: number, v: number): PropheseeTrigger {
  return { streamId: 0, t, type: (v >>> 8) & 0xf, value: v & 1 };
}
