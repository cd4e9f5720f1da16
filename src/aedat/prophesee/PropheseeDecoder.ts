import type { EventBatch, SensorSize } from '../../events/EventBatch.js';
import { DecodeError, TruncatedInputError } from '../../errors.js';
import { ColumnBuilder } from '../core/ColumnBuilder.js';
import { PrefixedHeaderReader, type TextHeader } from '../core/PrefixedHeaderReader.js';
import { type DecoderSteps, failFast } from '../core/failFast.js';
import {
  DEFAULT_MAX_HEADER_BYTES, type DecoderOptions, type EventDecoder, type FileHeader, type Trigger,
} from '../core/types.js';
import type { BodyDecoder } from './bodyTypes.js';
import { DAT, DAT_ADDRESS_RANGE, DatBody, datRecordProblem } from './DatBody.js';
import { EVT2_ADDRESS_RANGE, Evt2Body } from './Evt2Body.js';
import { EVT3_ADDRESS_RANGE, Evt3Body } from './Evt3Body.js';
import { type PropheseeEncoding, type PropheseeHeaderInfo, parsePropheseeHeader } from './propheseeHeader.js';
import { RecordCarry } from '../core/RecordCarry.js';

export type { PropheseeEncoding } from './propheseeHeader.js';
export type { PropheseeTrigger } from './bodyTypes.js';

/** Options of {@link createPropheseeDecoder}. */
export interface PropheseeOptions extends DecoderOptions {
  /**
   * The body encoding. When given it overrides what the header says (including an unsupported
   * `% evt 2.1`); it is required for files without any `% ` header (decoded from byte 0; a
   * header-less DAT is type 0 with 8-byte records).
   */
  readonly encoding?: PropheseeEncoding;
  /** DAT: decode CD records with the WebAssembly kernel where available (default true; false: the JS reference). */
  readonly wasm?: boolean;
}

const PERCENT_SPACE = new Uint8Array([0x25, 0x20]);
const UNKNOWN_SENSOR: SensorSize = { width: 0, height: 0 };
const ADDRESS_RANGE: Record<PropheseeEncoding, SensorSize> = {
  evt2: EVT2_ADDRESS_RANGE, evt3: EVT3_ADDRESS_RANGE, dat: DAT_ADDRESS_RANGE,
};

/** A DAT header that still waits for its 2 binary bytes (event type, event size). */
interface DatPending { info: PropheseeHeaderInfo; sensor: SensorSize | null; textBytes: number; got: number[] }

/**
 * Decoder for Prophesee files: RAW EVT 2.0, RAW EVT 3.0 and DAT, starting at byte 0 of the file.
 *
 * The `% ` text header is read incrementally (old headers without `% end` end at the first line
 * that does not start with `% `). The encoding comes from `opts.encoding`, else `% format`,
 * else `% evt`, else the DAT lines (`% Data file containing …`, `% Version N`), which are followed
 * by 2 bytes (event type, event size; counted in `header.headerBytes`). `header.metadata` holds
 * every keyword and value (`% end` excluded; repeated keywords joined with `\n`). The header is
 * null until its end has been seen (for DAT: until the 2 type bytes have arrived).
 *
 * Body details: EVT 2.0 in Evt2Body.ts, EVT 3.0 in Evt3Body.ts (OpenEB semantics; a decreasing
 * TIME_LOW never advances the time high), DAT in DatBody.ts (OpenEB packing for every version,
 * 32-bit time unwrapped on a backward step of more than 2^31 µs). Words before the first
 * TIME_HIGH, IMU/OTHERS/CONTINUED words and unknown types are counted in `skipped`.
 *
 * Sensor size, first that applies: the file (`% geometry WxH`, `% format …;width=;height=`,
 * DAT `% Width`/`% Height`), then `opts.sensor`, then the camera model (see cameraGeometry.ts),
 * else unknown: header width/height are null and batches carry the address range (2048×2048 for
 * EVT, 16384×16384 for DAT). Events outside a known size are counted as `out_of_bounds`.
 *
 * Timestamps are µs; triggers are {@link PropheseeTrigger}s (type = channel id, value = edge).
 * Errors (in the output, never thrown): DecodeError (format `prophesee` while the encoding is
 * unknown, else `evt2`/`evt3`/`dat`) for an unsupported or undecidable encoding, a header over
 * `maxHeaderBytes`, a malformed size line or a DAT event size that disagrees with its type;
 * TruncatedInputError from `end()` for a partial header line, missing DAT type bytes or a
 * partial word/record. Either way every whole event before the fault has been delivered.
 *
 * @example
 * const dec = createPropheseeDecoder();
 * for (const chunk of chunks) handle(dec.push(chunk));
 * handle(dec.end());
 */
export function createPropheseeDecoder(opts: PropheseeOptions = {}): EventDecoder {
  return failFast(new PropheseeSteps(opts));
}

class PropheseeSteps implements DecoderSteps {
  header: FileHeader | null = null;
  readonly skipped: Record<string, number> = {};
  offset = 0;
  private reader: PrefixedHeaderReader | null;
  private dat: DatPending | null = null;
  private body: BodyDecoder | null = null;
  private carry: RecordCarry | null = null;
  private readonly out: ColumnBuilder;
  private triggers: Trigger[] = [];

  constructor(private readonly opts: PropheseeOptions) {
    this.out = opts.columns ?? new ColumnBuilder();
    const max = opts.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
    this.reader = new PrefixedHeaderReader(opts.encoding ?? 'prophesee', PERCENT_SPACE, max, '% end');
  }

  /** Sensor size of the batches: the body's, else the option's, else unknown. */
  get sensor(): SensorSize {
    return this.body?.sensor ?? this.opts.sensor ?? UNKNOWN_SENSOR;
  }

  feed(chunk: Uint8Array): void {
    if (this.reader === null) return this.feedBody(chunk);
    const h = this.reader.feed(chunk);
    if (h !== null) this.headerDone(h);
  }

  finish(): void {
    if (this.reader !== null) this.headerDone(this.reader.finish());
    const fmt = this.header?.format ?? 'dat';
    if (this.dat !== null) {
      throw new TruncatedInputError(
        fmt, this.offset, 'the 2 bytes (event type, event size) after a DAT header', `${this.dat.got.length} bytes`);
    } else if (this.carry !== null && this.carry.pending > 0) {
      const unit = this.carry.unitBytes;
      throw new TruncatedInputError(
        fmt, this.offset, `a whole ${unit}-byte ${fmt === 'dat' ? 'record' : 'word'}`, `${this.carry.pending} bytes`);
    }
  }

  private headerDone(h: TextHeader): void {
    this.reader = null;
    this.offset = h.headerBytes;
    this.startBody(h.lines.length, parsePropheseeHeader(h.lines));
    for (const rest of h.rest) this.feedBody(rest);
  }

  private startBody(lineCount: number, info: PropheseeHeaderInfo): void {
    const encoding = this.opts.encoding ?? info.encoding;
    const fmt = encoding ?? 'prophesee';
    if (this.opts.encoding === undefined && info.unsupported !== null) {
      return this.fail(fmt, this.offset, info.unsupported.expected, info.unsupported.got);
    }
    if (encoding === null) {
      const got = lineCount === 0 ? 'no "% " header' : 'a header with no "% evt", "% format" or DAT line';
      return this.fail(fmt, this.offset, 'a header naming the encoding, or the encoding option', got);
    }
    if (info.badGeometry !== null) return this.fail(fmt, this.offset, info.badGeometry.expected, info.badGeometry.got);
    const sensor = info.geometry ?? this.opts.sensor ?? info.camera;
    if (encoding === 'dat' && lineCount > 0) {
      this.dat = { info, sensor, textBytes: this.offset, got: [] };
      return;
    }
    this.begin(encoding, info, sensor, DAT.Event2d.type, DAT.Event2d.size);
  }

  /** Publishes the header and creates the body decoder; the body starts at `this.offset`. */
  private begin(
    enc: PropheseeEncoding, info: PropheseeHeaderInfo, sensor: SensorSize | null, type: number, size: number,
  ): void {
    const bounds = sensor ?? ADDRESS_RANGE[enc];
    if (enc === 'evt2') this.body = new Evt2Body(bounds);
    else if (enc === 'evt3') this.body = new Evt3Body(bounds);
    else this.body = new DatBody(type, size, bounds, this.opts.wasm ?? true);
    this.carry = new RecordCarry(this.body.unitBytes, (units) => this.decodeUnits(units));
    this.header = {
      format: enc, width: sensor?.width ?? null, height: sensor?.height ?? null,
      headerBytes: this.offset, metadata: info.metadata,
    };
  }

  private feedBody(bytes: Uint8Array): void {
    if (this.dat !== null) bytes = this.takeDatTypeBytes(bytes);
    if (this.carry !== null) this.carry.feed(bytes);
  }

  private decodeUnits(units: Uint8Array): void {
    this.body!.decode(units, this.out, this.triggers, this.skipped);
    this.offset += units.length;
  }

  /** Collects the DAT (event type, event size) bytes; returns the bytes after them. */
  private takeDatTypeBytes(bytes: Uint8Array): Uint8Array {
    const d = this.dat!;
    const used = Math.min(bytes.length, 2 - d.got.length);
    for (let i = 0; i < used; i++) d.got.push(bytes[i]!);
    if (d.got.length < 2) return bytes.subarray(used);
    const [type, size] = d.got as [number, number];
    this.dat = null;
    const problem = datRecordProblem(type, size);
    if (problem !== null) {
      this.fail('dat', d.textBytes + 1, problem, `event type ${type} with event size ${size}`);
    } else {
      this.offset = d.textBytes + 2;
      this.begin('dat', d.info, d.sensor, type, size);
    }
    return bytes.subarray(used);
  }

  /** @throws DecodeError always: the fault ends decoding (failFast delivers what came before). */
  private fail(format: string, at: number, expected: string, got: string): never {
    throw new DecodeError(format, at, expected, got);
  }

  drain(): { events: EventBatch; triggers: Trigger[] } {
    const triggers = this.triggers;
    if (triggers.length > 0) this.triggers = [];
    return { events: this.out.finish(this.sensor), triggers };
  }

  release(): void {
    this.out.release();
  }
}
