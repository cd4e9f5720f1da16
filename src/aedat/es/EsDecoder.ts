import type { EventBatch, SensorSize } from '../../events/EventBatch.js';
import { DecodeError, TruncatedInputError } from '../../errors.js';
import { describeByte } from '../core/describeBytes.js';
import { type DecoderSteps, failFast } from '../core/failFast.js';
import { ColumnBuilder } from '../core/ColumnBuilder.js';
import { addCount } from '../../addCount.js';
import type { DecodeOutput, DecoderOptions, EventDecoder, FileHeader } from '../core/types.js';
import { EsFixedMachine } from './EsFixedMachine.js';
import { EsGenericWalker } from './EsGenericWalker.js';

/** Event Stream 2.x stream types this decoder walks (type 3, Asynchronous & Modular Display, is not). */
export type EsStreamType = 'generic' | 'dvs' | 'atis' | 'color';

const FORMAT = 'es';
const MAGIC = new TextEncoder().encode('Event Stream');
const MAJOR_AT = 12;
const TYPE_AT = 15;
const SUPPORTED_MAJOR = 2;
/** Magic (12) + version (3) + type (1); DVS/ATIS/color add width and height (uint16 LE). */
const BASE_HEADER_BYTES = 16;
const SIZED_HEADER_BYTES = 20;
const TYPES: Readonly<Record<number, EsStreamType>> = { 0: 'generic', 1: 'dvs', 2: 'atis', 4: 'color' };
/** `skipped` kind of the complete non-DVS events of each type. */
const SKIP_KIND: Readonly<Record<EsStreamType, string>> = {
  generic: 'generic', dvs: 'dvs', atis: 'atis_threshold', color: 'color',
};
const NO_SENSOR: SensorSize = { width: 0, height: 0 };

/**
 * Decoder for Event Stream `.es` 2.x files (neuromorphic-paris/event_stream; reference reader
 * sepia). Header: `Event Stream`, version major.minor.patch (major must be 2), stream type, and
 * for DVS/ATIS/color width and height (uint16 LE), which bound x and y (the `sensor` option is
 * used only for generic streams, which have no size).
 *
 * Timestamps are delta-encoded; `t` is cumulative from 0 µs. DVS events are emitted with
 * p = is_increase; ATIS change-detection events are emitted with their polarity and threshold
 * crossings counted as skipped `atis_threshold`; color and generic streams carry no DVS events:
 * they are walked and their events counted as skipped `color` / `generic`. Coordinates are raw
 * (faery reports `height-1-y`; this decoder does not flip). Events outside the sensor are counted
 * as `out_of_bounds` (sepia throws instead). `header.metadata`: `version` (e.g. `2.0.0`), `type`.
 *
 * @throws never: errors come back in {@link DecodeOutput.error} — {@link DecodeError} for a wrong
 *   magic (offset of the first wrong byte), major version ≠ 2 (offset 12), an unsupported type
 *   (offset 15) or a generic size field over 7 bytes; {@link TruncatedInputError} at `end()` for a
 *   cut header (offset 0) or a half event (offset of its first byte).
 * @example
 * const dec = createEsDecoder();
 * const { events } = dec.push(bytes); dec.end();
 */
export function createEsDecoder(opts: DecoderOptions = {}): EventDecoder {
  return failFast(new EsSteps(opts));
}

class EsSteps implements DecoderSteps {
  header: FileHeader | null = null;
  readonly skipped: Record<string, number> = {};
  offset = 0;
  sensor: SensorSize;
  private readonly head = new Uint8Array(SIZED_HEADER_BYTES);
  private have = 0;
  private need = BASE_HEADER_BYTES;
  private readonly out: ColumnBuilder;
  private fixed: EsFixedMachine | null = null;
  private generic: EsGenericWalker | null = null;
  private skipKind = '';

  constructor(private readonly opts: DecoderOptions) {
    this.out = opts.columns ?? new ColumnBuilder();
    this.sensor = opts.sensor ?? NO_SENSOR;
  }

  feed(chunk: Uint8Array): void {
    const used = this.header === null ? this.feedHeader(chunk) : 0;
    if (this.header !== null && used < chunk.length) this.decode(used === 0 ? chunk : chunk.subarray(used));
  }

  finish(): void {
    if (this.header === null) {
      throw new TruncatedInputError(FORMAT, 0, `a whole ${this.need}-byte header`, `${this.have} bytes`);
    }
    const { fixed, generic } = this;
    const partial = fixed?.partial ? fixed.eventStart : generic?.partial ? generic.eventStart : -1;
    if (partial >= 0) {
      throw new TruncatedInputError(FORMAT, partial, 'the rest of the event', `end of input at byte ${this.offset}`);
    }
  }

  drain(): { events: EventBatch } {
    this.flushCounts();
    return { events: this.out.finish(this.sensor) };
  }

  release(): void {
    this.out.release();
  }

  /** Consumes header bytes from `chunk`; returns how many. @throws DecodeError */
  private feedHeader(chunk: Uint8Array): number {
    let i = 0;
    for (; this.have < this.need && i < chunk.length; i++) {
      const b = chunk[i]!;
      checkHeaderByte(this.have, b);
      this.head[this.have++] = b;
      if (this.have === BASE_HEADER_BYTES && TYPES[b] !== 'generic') this.need = SIZED_HEADER_BYTES;
    }
    this.offset += i;
    if (this.have === this.need) this.onHeader();
    return i;
  }

  private onHeader(): void {
    const { head, need, opts } = this;
    const type = TYPES[head[TYPE_AT]!]!;
    const sized = need === SIZED_HEADER_BYTES;
    if (sized) this.sensor = { width: head[16]! | (head[17]! << 8), height: head[18]! | (head[19]! << 8) };
    this.header = {
      format: FORMAT, width: sized ? this.sensor.width : opts.sensor?.width ?? null,
      height: sized ? this.sensor.height : opts.sensor?.height ?? null, headerBytes: need,
      metadata: { version: `${head[12]}.${head[13]}.${head[14]}`, type },
    };
    this.skipKind = SKIP_KIND[type];
    if (type === 'generic') this.generic = new EsGenericWalker();
    else this.fixed = new EsFixedMachine(type, this.sensor);
  }

  private decode(bytes: Uint8Array): void {
    if (this.fixed) this.fixed.decode(bytes, this.offset, this.out);
    else this.generic!.walk(bytes, this.offset);
    this.offset += bytes.length;
  }

  /** Moves the walkers' counts of skipped events into `skipped`. */
  private flushCounts(): void {
    const { fixed, generic } = this;
    const done = fixed ? fixed.skippedEvents : generic ? generic.events : 0;
    if (done > 0) addCount(this.skipped, this.skipKind, done);
    if (fixed && fixed.outside > 0) addCount(this.skipped, 'out_of_bounds', fixed.outside);
    if (fixed) fixed.skippedEvents = fixed.outside = 0;
    if (generic) generic.events = 0;
  }
}

/**
 * Checks header byte `at` as it arrives, so foreign input fails at once.
 * @throws DecodeError on a wrong magic byte, major version or stream type.
 */
function checkHeaderByte(at: number, b: number): void {
  if (at < MAGIC.length && b !== MAGIC[at]) {
    throw new DecodeError(FORMAT, at, 'the magic "Event Stream"', describeByte(b));
  }
  if (at === MAJOR_AT && b !== SUPPORTED_MAJOR) {
    throw new DecodeError(FORMAT, at, `major version ${SUPPORTED_MAJOR}`, `major version ${b}`);
  }
  if (at === TYPE_AT && TYPES[b] === undefined) {
    const what = b === 3 ? 'type 3 (Asynchronous & Modular Display, not supported)' : `type ${b}`;
    throw new DecodeError(FORMAT, at, 'stream type 0 (generic), 1 (DVS), 2 (ATIS) or 4 (color)', what);
  }
}
