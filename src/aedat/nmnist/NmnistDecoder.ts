import type { EventBatch, SensorSize } from '../../events/EventBatch.js';
import { TruncatedInputError } from '../../errors.js';
import { ColumnBuilder } from '../core/ColumnBuilder.js';
import { recordsViaWasm } from '../aedat4/codecs/wasm/wasmRecords.js';
import { RecordCarry } from '../core/RecordCarry.js';
import { addCount } from '../../addCount.js';
import { type DecoderSteps, failFast } from '../core/failFast.js';
import type { DecoderOptions, EventDecoder, FileHeader } from '../core/types.js';

const RECORD_BYTES = 5;
/** A record with y == 240 marks a timestamp overflow (tonic / Orchard's `Read_Ndataset.m`). */
const OVERFLOW_Y = 240;
const OVERFLOW_INCREMENT_US = 2 ** 13;
/** Below this many records a call into WebAssembly costs more than the JS loop. */
const WASM_MIN_RECORDS = 64;
/** x and y are 8 bits: without a given sensor size, this is the coordinate range. */
const ADDRESS_RANGE: SensorSize = { width: 256, height: 256 };

/** Options of {@link createNmnistDecoder}. */
export interface NmnistOptions extends DecoderOptions {
  /** Decode records with the WebAssembly kernel where available (default true; false: the JS reference). */
  readonly wasm?: boolean;
}

/**
 * Decoder for the headerless 40-bit `.bin` files of N-MNIST and N-Caltech101 (Orchard et al.):
 * 5 bytes per event, x = byte 0, y = byte 1, p = byte 2 bit 7 (1 = ON),
 * t = 23 bits from bytes 2–4 (µs). Overflow records (y = 240) add 2^13 µs to later events and
 * are counted as skipped `overflow`; events outside a given `sensor` as `out_of_bounds`.
 *
 * The file does not store the sensor size: pass `sensor` (N-MNIST is 34×34); otherwise batches
 * carry the 256×256 address range and the header reports null.
 */
export function createNmnistDecoder(opts: NmnistOptions = {}): EventDecoder {
  return failFast(new NmnistSteps(opts));
}

class NmnistSteps implements DecoderSteps {
  readonly header: FileHeader;
  readonly skipped: Record<string, number> = {};
  readonly sensor: SensorSize;
  offset = 0;
  private readonly aligner = new RecordCarry(RECORD_BYTES, (bytes) => this.decode(bytes));
  private readonly out: ColumnBuilder;
  private overflowUs = 0;
  private readonly wasm: boolean;

  constructor(opts: NmnistOptions) {
    this.out = opts.columns ?? new ColumnBuilder();
    this.sensor = opts.sensor ?? ADDRESS_RANGE;
    this.wasm = opts.wasm ?? true;
    this.header = {
      format: 'nmnist', width: opts.sensor?.width ?? null, height: opts.sensor?.height ?? null, headerBytes: 0, metadata: {},
    };
  }

  feed(chunk: Uint8Array): void {
    this.aligner.feed(chunk);
  }

  finish(): void {
    if (this.aligner.pending > 0) {
      throw new TruncatedInputError('nmnist', this.offset, `a whole ${RECORD_BYTES}-byte record`, `${this.aligner.pending} bytes`);
    }
  }

  drain(): { events: EventBatch } {
    return { events: this.out.finish(this.sensor) };
  }

  release(): void {
    this.out.release();
  }

  private decode(bytes: Uint8Array): void {
    const { out } = this;
    const n = bytes.length / RECORD_BYTES;
    const { width, height } = this.sensor;
    const base = this.overflowUs;
    // lz4.wat's nbin kernel (SIMD): ~5x this JS loop, measured; the loop is its reference
    const fast = this.wasm && n >= WASM_MIN_RECORDS
      ? recordsViaWasm(bytes, RECORD_BYTES, out, (k, src, count, col) => k.nbin(src, count, width, height, col, base)) : null;
    const { kept, overflows } = fast === null ? this.decodeJs(bytes) : { kept: fast[0], overflows: fast[1] };
    const outside = n - overflows - kept;
    if (overflows > 0) addCount(this.skipped, 'overflow', overflows);
    if (outside > 0) addCount(this.skipped, 'out_of_bounds', outside);
    this.overflowUs += overflows * OVERFLOW_INCREMENT_US;
    this.offset += bytes.length;
  }

  /** The reference decode (and the fallback where WebAssembly is unavailable). */
  private decodeJs(bytes: Uint8Array): { kept: number; overflows: number } {
    const { out } = this;
    out.reserve(bytes.length / RECORD_BYTES);
    const { x, y, t, p } = out;
    const { width, height } = this.sensor;
    // Locals, not fields, in the hot loop; written back after it.
    const from = out.n;
    let k = from;
    let base = this.overflowUs;
    let overflows = 0;
    for (let b = 0; b < bytes.length; b += RECORD_BYTES) {
      const xx = bytes[b]!;
      const yy = bytes[b + 1]!;
      const b2 = bytes[b + 2]!;
      if (yy === OVERFLOW_Y) {
        base += OVERFLOW_INCREMENT_US;
        overflows++;
      } else if (xx < width && yy < height) {
        x[k] = xx;
        y[k] = yy;
        p[k] = b2 >> 7;
        t[k] = base + (((b2 & 0x7f) << 16) | (bytes[b + 3]! << 8) | bytes[b + 4]!);
        k++;
      }
    }
    out.n = k;
    return { kept: k - from, overflows };
  }
}
