import type { EventBatch, SensorSize } from '../../events/EventBatch.js';
import { DecodeError, TruncatedInputError } from '../../errors.js';
import { type DecoderSteps, failFast } from '../core/failFast.js';
import { ColumnBuilder } from '../core/ColumnBuilder.js';
import type { TextHeader } from '../core/PrefixedHeaderReader.js';
import { addCount } from '../../addCount.js';
import {
  DEFAULT_MAX_HEADER_BYTES,
  type DecodeOutput,
  type DecoderOptions,
  type EventDecoder,
  type FileHeader,
} from '../core/types.js';
import { AedatHeaderReader, parseAedatMetadata } from './AedatHeaderReader.js';
import { type Aedat2Chip, defaultSensor, jaerChip } from './jaerChip.js';
import { RecordCarry } from '../core/RecordCarry.js';
import { recordsViaWasm } from '../aedat4/codecs/wasm/wasmRecords.js';

export type { Aedat2Chip } from './jaerChip.js';

/** Options of {@link createAedat2Decoder}. */
export interface Aedat2Options extends DecoderOptions {
  /** Address layout, overriding the `# AEChip:` class (needed when the class is unknown). */
  readonly chip?: Aedat2Chip;
  /** Decode records with the WebAssembly kernel where available (default true; false: the JS reference). */
  readonly wasm?: boolean;
}

/** [int32 address, int32 timestamp], big-endian. */
const RECORD_BYTES = 8;
/** Below this many records a call into WebAssembly costs more than the JS loop. */
const WASM_MIN_RECORDS = 64;
/** DVS128: bit 15 marks an external (sync / IN pin) event. */
const DVS128_EXTERNAL = 0x8000;
/** DAVIS: bit 31 set = APS or IMU word; IMU when bits 31, 11 and 10 are all set. */
const DAVIS_IMU_BITS = 0x80000c00 | 0;
/** DAVIS: bit 10 on a DVS-type word (bit 31 = 0) marks an external-input event. */
const DAVIS_EXTERNAL = 0x400;
/** DAVIS address range (10-bit x, 9-bit y) used when the sensor size is unknown. */
const DAVIS_ADDRESS_RANGE: SensorSize = { width: 1024, height: 512 };
const NO_SENSOR: SensorSize = { width: 0, height: 0 };
const FORMAT = 'aedat2';

/**
 * Decoder for jAER AEDAT 2.0 files: a `#` text header (LF or CRLF, up to `maxHeaderBytes`; jAER
 * embeds ~175 KB of preferences XML), then 8-byte big-endian records [address, timestamp].
 * Timestamps are the stored uint32 µs (relative to device start; no unwrapping).
 *
 * The `# AEChip:` class (see `jaerChip.ts`) picks the layout and size; `chip` and `sensor`
 * override it. DVS128: x = bits 7–1, y = bits 14–8, p = bit 0, bit 15 → skipped `external`.
 * DAVIS: DVS when bit 31 = 0 and bit 10 = 0 (x = bits 21–12, y = bits 30–22, p = bit 11);
 * bit 10 set → `external`; IMU words → `imu` (counted per word, 7 per sample); other bit-31 words
 * → `aps`. Values are raw (no jAER x flip, no polarity inversion). A partial final record gives
 * a {@link TruncatedInputError} at `end()` after all whole events.
 *
 * `header.metadata` holds the header's `Key: value` entries and `version` (see
 * `parseAedatMetadata`).
 *
 * @throws never: errors are returned in {@link DecodeOutput.error} — a {@link DecodeError} for a
 *   missing `#!AER-DAT2.` version line (offset 0 or the first wrong byte), an oversized header,
 *   or an unknown `# AEChip:` class without a `chip` option (offset = header size).
 * @example
 * const dec = createAedat2Decoder({ chip: 'davis', sensor: { width: 346, height: 260 } });
 */
export function createAedat2Decoder(opts: Aedat2Options = {}): EventDecoder {
  return failFast(new Aedat2Steps(opts));
}

class Aedat2Steps implements DecoderSteps {
  header: FileHeader | null = null;
  readonly skipped: Record<string, number> = {};
  offset = 0;
  sensor: SensorSize;
  private readonly headerReader: AedatHeaderReader;
  private readonly aligner = new RecordCarry(RECORD_BYTES, (bytes) => this.decode(bytes));
  private readonly out: ColumnBuilder;
  private layout: Aedat2Chip = 'dvs128';

  constructor(private readonly opts: Aedat2Options) {
    this.out = opts.columns ?? new ColumnBuilder();
    this.headerReader = new AedatHeaderReader(FORMAT, 2, opts.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES);
    this.sensor = opts.sensor ?? NO_SENSOR;
  }

  feed(chunk: Uint8Array): void {
    if (this.header !== null) return this.aligner.feed(chunk);
    const h = this.headerReader.feed(chunk);
    if (h !== null) this.onHeader(h);
  }

  finish(): void {
    if (this.header === null) this.onHeader(this.headerReader.finish());
    if (this.aligner.pending > 0) {
      throw new TruncatedInputError(FORMAT, this.offset, `a whole ${RECORD_BYTES}-byte record`, `${this.aligner.pending} bytes`);
    }
  }

  drain(): { events: EventBatch } {
    return { events: this.out.finish(this.sensor) };
  }

  release(): void {
    this.out.release();
  }

  /** Publishes the header, picks the layout and sensor. @throws DecodeError when no layout is known. */
  private onHeader(h: TextHeader): void {
    const metadata = parseAedatMetadata(h.lines);
    const chipClass = metadata['AEChip'];
    const fromClass = chipClass === undefined ? null : jaerChip(chipClass);
    const chosen = this.opts.chip ?? fromClass?.layout;
    const known = this.opts.sensor ?? (chosen === fromClass?.layout ? fromClass?.sensor : undefined)
      ?? (chosen === undefined ? null : defaultSensor(chosen));
    this.header = {
      format: FORMAT, width: known?.width ?? null, height: known?.height ?? null,
      headerBytes: h.headerBytes, metadata,
    };
    this.offset = h.headerBytes;
    if (chosen === undefined) {
      throw new DecodeError(FORMAT, h.headerBytes,
        `a known "# AEChip:" class (DVS128 or DAVIS family), or the option { chip: 'dvs128' | 'davis' }`
        + ' (plus { sensor: { width, height } } for the size)',
        chipClass === undefined ? 'no "# AEChip:" line' : `AEChip ${chipClass}`);
    }
    this.layout = chosen;
    this.sensor = known ?? DAVIS_ADDRESS_RANGE;
    for (const c of h.rest) this.aligner.feed(c);
  }

  private decode(bytes: Uint8Array): void {
    const { width, height } = this.sensor;
    const davis = this.layout === 'davis' ? 1 : 0;
    const fast = this.opts.wasm !== false && bytes.length >= WASM_MIN_RECORDS * RECORD_BYTES
      ? recordsViaWasm(bytes, RECORD_BYTES, this.out, (k, src, n, col) => k.aedat2(src, n, davis, width, height, col)) : null;
    const c = fast !== null ? { kept: fast[0], imu: fast[1], aps: fast[2], external: fast[3], outside: fast[4] }
      : davis === 0 ? decodeDvs128(bytes, this.out, this.sensor) : decodeDavis(bytes, this.out, this.sensor);
    if (c.imu > 0) addCount(this.skipped, 'imu', c.imu);
    if (c.aps > 0) addCount(this.skipped, 'aps', c.aps);
    if (c.external > 0) addCount(this.skipped, 'external', c.external);
    if (c.outside > 0) addCount(this.skipped, 'out_of_bounds', c.outside);
    this.offset += bytes.length;
  }
}

/** What a run of records held besides the events kept. */
interface Aedat2Counts {
  readonly kept: number;
  readonly imu: number;
  readonly aps: number;
  readonly external: number;
  readonly outside: number;
}

/** DVS128 records: the address's low 16 bits hold the event (upper bits are ignored, as jAER does). */
function decodeDvs128(bytes: Uint8Array, out: ColumnBuilder, s: SensorSize): Aedat2Counts {
  const len = bytes.length;
  out.reserve(len / RECORD_BYTES);
  const { x, y, t, p } = out;
  const { width, height } = s;
  const from = out.n;
  let k = from;
  let external = 0;
  let outside = 0;
  for (let b = 0; b < len; b += RECORD_BYTES) {
    const a = (bytes[b + 2]! << 8) | bytes[b + 3]!;
    if ((a & DVS128_EXTERNAL) !== 0) {
      external++;
      continue;
    }
    const xx = (a >>> 1) & 0x7f;
    const yy = (a >>> 8) & 0x7f;
    if (xx >= width || yy >= height) {
      outside++;
      continue;
    }
    x[k] = xx;
    y[k] = yy;
    p[k] = a & 1;
    t[k] = ((bytes[b + 4]! << 24) | (bytes[b + 5]! << 16) | (bytes[b + 6]! << 8) | bytes[b + 7]!) >>> 0;
    k++;
  }
  out.n = k;
  return { kept: k - from, imu: 0, aps: 0, external, outside };
}

/** DAVIS records (jAER `DavisBaseCamera.DavisEventExtractor` bit layout). */
function decodeDavis(bytes: Uint8Array, out: ColumnBuilder, s: SensorSize): Aedat2Counts {
  const len = bytes.length;
  out.reserve(len / RECORD_BYTES);
  const { x, y, t, p } = out;
  const { width, height } = s;
  const from = out.n;
  let k = from;
  let imu = 0;
  let aps = 0;
  let external = 0;
  let outside = 0;
  for (let b = 0; b < len; b += RECORD_BYTES) {
    const a = (bytes[b]! << 24) | (bytes[b + 1]! << 16) | (bytes[b + 2]! << 8) | bytes[b + 3]!;
    if (a < 0) {
      // bit 31 set: an IMU or APS word, never a DVS event.
      if ((a & DAVIS_IMU_BITS) === DAVIS_IMU_BITS) imu++;
      else aps++;
      continue;
    }
    if ((a & DAVIS_EXTERNAL) !== 0) {
      external++;
      continue;
    }
    const xx = (a >>> 12) & 0x3ff;
    const yy = (a >>> 22) & 0x1ff;
    if (xx >= width || yy >= height) {
      outside++;
      continue;
    }
    x[k] = xx;
    y[k] = yy;
    p[k] = (a >>> 11) & 1;
    t[k] = ((bytes[b + 4]! << 24) | (bytes[b + 5]! << 16) | (bytes[b + 6]! << 8) | bytes[b + 7]!) >>> 0;
    k++;
  }
  out.n = k;
  return { kept: k - from, imu, aps, external, outside };
}
