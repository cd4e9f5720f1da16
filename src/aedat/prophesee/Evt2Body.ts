import type { SensorSize } from '../../events/EventBatch.js';
import type { ColumnBuilder } from '../core/ColumnBuilder.js';
import type { Trigger } from '../core/types.js';
import { type BodyDecoder, type PropheseeTrigger, flushCounts, primeHotLoop } from './bodyTypes.js';
import { WordScratch, words32 } from './wordViews.js';

/** EVT 2.0 word types (bits 31–28 of a LE uint32). */
export const EVT2 = {
  CdOff: 0x0,
  CdOn: 0x1,
  TimeHigh: 0x8,
  ExtTrigger: 0xa,
  Imu: 0xd,
  Others: 0xe,
  Continued: 0xf,
} as const;

/** x and y are 11 bits: the coordinate range when the sensor size is unknown. */
export const EVT2_ADDRESS_RANGE: SensorSize = { width: 2048, height: 2048 };

/** TIME_HIGH holds timestamp bits 33..6; the 34-bit time loops after 2^34 µs (OpenEB). */
const MAX_TIME_BASE = (2 ** 28 - 1) * 64;
const TIME_LOOP = MAX_TIME_BASE + 64;
const LOOP_THRESHOLD = 10 << 6;

// Counter slots beyond the 16 word types.
const BEFORE_TIME_HIGH = 16;
const OUT_OF_BOUNDS = 17;

function kindOf(code: number): string | null {
  switch (code) {
    case EVT2.Imu: return 'imu';
    case EVT2.Others: return 'others';
    case EVT2.Continued: return 'continued';
    case BEFORE_TIME_HIGH: return 'before_time_high';
    case OUT_OF_BOUNDS: return 'out_of_bounds';
    case EVT2.CdOff: case EVT2.CdOn: case EVT2.TimeHigh: case EVT2.ExtTrigger: return null;
    default: return `unknown_type_${code}`;
  }
}

/** Time registers: the current base (bits 33..6 plus loops, µs) and the loop count. */
interface Evt2Regs { started: boolean; base: number; loops: number }

/**
 * EVT 2.0 body: 32-bit LE words. CD_OFF/CD_ON give events at `base + ts_low`; EVT_TIME_HIGH sets
 * the 34-bit time base with OpenEB's loop detection; EXT_TRIGGER gives triggers (type = id,
 * value = edge); IMU/OTHERS/CONTINUED and unknown types are counted in `skipped`; words before
 * the first TIME_HIGH are counted as `before_time_high` (their time is unknown).
 */
export class Evt2Body implements BodyDecoder {
  readonly unitBytes = 4;
  private readonly regs: Evt2Regs = { started: false, base: 0, loops: 0 };
  private readonly counts = new Float64Array(18);
  private readonly scratch = new WordScratch();

  /** @param sensor bounds for events (events outside are counted as `out_of_bounds`). */
  constructor(readonly sensor: SensorSize) {
    primeHotLoop((out, triggers) => this.decodeSlice(new Uint32Array(0), 0, 0, out, triggers));
  }

  /** Decodes whole words; see {@link BodyDecoder.decode}. */
  decode(bytes: Uint8Array, out: ColumnBuilder, triggers: Trigger[], skipped: Record<string, number>): void {
    const words = words32(bytes, this.scratch);
    let i = 0;
    if (!this.regs.started) i = this.skipToTimeHigh(words);
    out.reserve(words.length - i);
    this.counts[OUT_OF_BOUNDS]! += this.decodeSlice(words, i, words.length, out, triggers);
    flushCounts(this.counts, kindOf, skipped);
  }

  /** Index of the first TIME_HIGH (not consumed), counting the words before it. */
  private skipToTimeHigh(words: Uint32Array): number {
    let i = 0;
    while (i < words.length && words[i]! >>> 28 !== EVT2.TimeHigh) i++;
    this.counts[BEFORE_TIME_HIGH]! += i;
    if (i < words.length) this.regs.started = true;
    return i;
  }

  /** The hot loop over words [from, to); returns the number of out-of-bounds events. */
  private decodeSlice(words: Uint32Array, from: number, to: number, out: ColumnBuilder, triggers: Trigger[]): number {
    const { x: xs, y: ys, t: ts, p: ps } = out;
    const { width, height } = this.sensor;
    const counts = this.counts;
    let base = this.regs.base;
    let k = out.n;
    let oob = 0;
    for (let i = from; i < to; i++) {
      const w = words[i]!;
      const type = w >>> 28;
      if (type <= EVT2.CdOn) {
        const x = (w >>> 11) & 0x7ff;
        const y = w & 0x7ff;
        if (x < width && y < height) {
          xs[k] = x;
          ys[k] = y;
          ts[k] = base + ((w >>> 22) & 0x3f);
          ps[k] = type;
          k++;
        } else oob++;
      } else if (type === EVT2.TimeHigh) {
        base = this.timeHigh(base, w & 0x0fffffff);
      } else if (type === EVT2.ExtTrigger) {
        triggers.push(trigger(base, w));
      } else counts[type]!++;
    }
    out.n = k;
    this.regs.base = base;
    return oob;
  }

  /** New time base from a TIME_HIGH value; a big backward step is a 2^34 µs loop (OpenEB). */
  private timeHigh(base: number, high: number): number {
    const r = this.regs;
    let next = high * 64 + r.loops * TIME_LOOP;
    if (base > next && base - next >= MAX_TIME_BASE - LOOP_THRESHOLD) {
      next += TIME_LOOP;
      r.loops++;
    }
    return next;
  }
}

function trigger(base: number, w: number): PropheseeTrigger {
  return { streamId: 0, t: base + ((w >>> 22) & 0x3f), type: (w >>> 8) & 0x1f, value: w & 1 };
}
