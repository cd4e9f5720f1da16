import type { SensorSize } from '../../events/EventBatch.js';
import type { ColumnBuilder } from '../core/ColumnBuilder.js';
import type { Trigger } from '../core/types.js';
import { type BodyDecoder, type PropheseeTrigger, primeHotLoop } from './bodyTypes.js';
import { WordScratch, words32 } from './wordViews.js';
import { addCount } from '../../addCount.js';
import { recordsViaWasm } from '../aedat4/codecs/wasm/wasmRecords.js';

/** DAT event types (the first byte after the text header) and their record sizes in bytes. */
export const DAT = {
  Event2d: { type: 0, size: 8 },
  EventCd: { type: 12, size: 8 },
  ExtTrigger: { type: 14, size: 8 },
  OpticalFlow: { type: 40, size: 36 },
} as const;

/** Below this many records a call into WebAssembly costs more than the JS loop. */
const WASM_MIN_RECORDS = 64;

/** x and y are 14 bits: the coordinate range when the sensor size is unknown. */
export const DAT_ADDRESS_RANGE: SensorSize = { width: 16384, height: 16384 };

/** DAT time is a bare uint32 (µs): a backward step of more than half its range is a wrap. */
const WRAP = 2 ** 32;
const HALF_WRAP = 2 ** 31;

/**
 * Why a DAT (type, size) pair cannot be decoded, or null when it can. Known types must have
 * their documented size; records of unknown types are skipped, so they only need a size ≥ 1.
 */
export function datRecordProblem(type: number, size: number): string | null {
  const known = Object.values(DAT).find((d) => d.type === type);
  if (known !== undefined && known.size !== size) return `event size ${known.size} for event type ${type}`;
  if (size === 0) return 'an event size of at least 1 byte';
  return null;
}

function skipKind(type: number): string {
  return type === DAT.OpticalFlow.type ? 'optical_flow' : `unknown_type_${type}`;
}

/**
 * DAT body: fixed-size LE records of one type. CD records (types 0 and 12): uint32 t (µs), uint32
 * w with x = bits 0–13, y = bits 14–27, p = bit 28. Trigger records (type 14): uint32 t, w with
 * value = bits 0–3, id = bits 26–31. Other types are counted in `skipped`. Timestamps are unwrapped:
 * a step back of more than 2^31 µs adds 2^32 µs (DAT has no wrap marker; OpenEB ignores wraps;
 * smaller steps back are kept as stored).
 *
 * The 14/14/1-bit packing is used for every version, header-less files included, as OpenEB's
 * `dat_tools.py` does. neuromorphic-paris/command_line_tools reads version < 2 with a legacy
 * packing (x bits 0–8, y bits 9–16, p bit 17); such files decode here to wrong x/y (mostly out
 * of bounds when a sensor size is known). No sample of that packing was found.
 */
export class DatBody implements BodyDecoder {
  private readonly scratch = new WordScratch();
  /** Time registers: the previous raw uint32 time and the unwrapped offset (µs). */
  private readonly regs = { lastRaw: 0, wrapUs: 0 };

  /**
   * @param type event type from the file (or 0 for header-less files)
   * @param unitBytes record size (must satisfy {@link datRecordProblem})
   * @param sensor bounds for events (events outside are counted as `out_of_bounds`)
   */
  constructor(readonly type: number, readonly unitBytes: number, readonly sensor: SensorSize, private readonly wasm = true) {
    primeHotLoop((out) => this.decodeCd(new Uint32Array(0), out));
  }

  /** Decodes whole records; see {@link BodyDecoder.decode}. */
  decode(bytes: Uint8Array, out: ColumnBuilder, triggers: Trigger[], skipped: Record<string, number>): void {
    const n = bytes.length / this.unitBytes;
    if (n === 0) return;
    if (this.type === DAT.Event2d.type || this.type === DAT.EventCd.type) {
      const before = out.n;
      if (!(this.wasm && n >= WASM_MIN_RECORDS && this.decodeCdWasm(bytes, out))) {
        out.reserve(n);
        out.n = this.decodeCd(words32(bytes, this.scratch), out);
      }
      const oob = n - (out.n - before);
      addCount(skipped, 'out_of_bounds', oob);
    } else if (this.type === DAT.ExtTrigger.type) {
      this.decodeTriggers(words32(bytes, this.scratch), triggers);
    } else {
      const kind = skipKind(this.type);
      addCount(skipped, kind, n);
    }
  }

  /**
   * Decodes CD records with lz4.wat's `dat` kernel (reading them unaligned, where the JS loop
   * copies them to aligned words first). @returns false when WebAssembly cannot (use the JS loop).
   */
  private decodeCdWasm(bytes: Uint8Array, out: ColumnBuilder): boolean {
    const { width, height } = this.sensor;
    const r = this.regs;
    const got = recordsViaWasm(bytes, this.unitBytes, out, (k, src, n, col) => k.dat(src, n, width, height, col, r.lastRaw | 0, r.wrapUs));
    if (got === null) return false;
    r.lastRaw = got[1] >>> 0;
    r.wrapUs = got[2];
    return true;
  }

  /**
   * Writes the in-bounds events from `out.n` on and returns the next write index (the caller sets
   * `out.n`: a store after the loop deopts V8's on-stack-replaced loop on every call, measured).
   */
  private decodeCd(words: Uint32Array, out: ColumnBuilder): number {
    const { x: xs, y: ys, t: ts, p: ps } = out;
    const { width, height } = this.sensor;
    let k = out.n;
    const r = this.regs;
    let last = r.lastRaw;
    let wrapUs = r.wrapUs;
    for (let i = 0; i < words.length; i += 2) {
      const raw = words[i]!;
      const w = words[i + 1]!;
      if (raw + HALF_WRAP < last) wrapUs += WRAP;
      last = raw;
      const x = w & 0x3fff;
      const y = (w >>> 14) & 0x3fff;
      if (x < width && y < height) {
        xs[k] = x;
        ys[k] = y;
        ts[k] = wrapUs + raw;
        ps[k] = (w >>> 28) & 1;
        k++;
      }
    }
    r.lastRaw = last;
    r.wrapUs = wrapUs;
    return k;
  }

  private decodeTriggers(words: Uint32Array, triggers: Trigger[]): void {
    const r = this.regs;
    for (let i = 0; i < words.length; i += 2) {
      const raw = words[i]!;
      const w = words[i + 1]!;
      if (raw + HALF_WRAP < r.lastRaw) r.wrapUs += WRAP;
      r.lastRaw = raw;
      const tr: PropheseeTrigger = { streamId: 0, t: r.wrapUs + raw, type: w >>> 26, value: w & 0xf };
      triggers.push(tr);
    }
  }
}
