import type { SensorSize } from '../../events/EventBatch.js';
import { DecodeError, TruncatedInputError } from '../../errors.js';
import type { FileHeader } from '../core/types.js';
import { type BodyDecompressor, decompressorFor } from './codecs/index.js';
import type { Cursor } from './Cursor.js';
import { FORMAT, HEADER_START, bodyError } from './decodeSupport.js';
import { u32 } from './flatRead.js';
import { XmlSyntaxError } from './infoNodeXml.js';
import { AEDAT4_MAGIC, type Aedat4IoHeader, parseIoHeader } from './ioHeader.js';
import { INT16_RANGE, type StreamPlan, planStreams } from './streamRoles.js';

const HEADER_SIZE_BYTES = 4;

/** What the header phase hands to the packet phases. */
interface Aedat4Start {
  readonly io: Aedat4IoHeader;
  readonly plan: StreamPlan;
  readonly codec: BodyDecompressor | null;
  /** Bounds of the decoded event stream (its sizeX×sizeY, the option, else the int16 range). */
  readonly sensor: SensorSize;
  readonly header: FileHeader;
}

/** Options the header phase needs (see `Aedat4Options`). */
interface HeaderReaderOptions {
  readonly network: boolean;
  readonly maxHeaderBytes: number;
  readonly eventStream?: number;
  readonly sensor?: SensorSize;
  readonly wasm: boolean;
}

/**
 * The header phase of an AEDAT 4.0 file: the magic (checked byte by byte as it arrives, so a wrong
 * file fails at its first differing byte), the uint32 IOHeader size, then the IOHeader flatbuffer
 * (compression, dataTablePosition, infoNode XML) and the stream plan. A network stream starts at
 * the size, with no magic and no table.
 */
export class Aedat4HeaderReader {
  private step: 'magic' | 'size' | 'header';
  private length = 0;
  private readonly headerStart: number;

  constructor(private readonly o: HeaderReaderOptions) {
    this.step = o.network ? 'size' : 'magic';
    this.headerStart = o.network ? HEADER_SIZE_BYTES : HEADER_START;
  }

  /** Reads as far as the queued bytes allow. @returns the start once the header is whole, else null. @throws DecodeError */
  read(c: Cursor): Aedat4Start | null {
    if (this.step === 'magic' && !this.readMagic(c)) return null;
    if (this.step === 'size' && !this.readSize(c)) return null;
    const v = c.queue.peek(this.length);
    if (v === null) return null;
    const start = this.start(v);
    c.consume(this.length);
    return start;
  }

  /** The error for input that ended inside the header. */
  truncation(c: Cursor): TruncatedInputError {
    const got = `${c.queue.length} bytes`;
    if (this.step === 'magic') return new TruncatedInputError(FORMAT, 0, 'the 14-byte magic', got);
    if (this.step === 'size') return new TruncatedInputError(FORMAT, c.offset, 'a 4-byte IOHeader size', got);
    return new TruncatedInputError(FORMAT, c.offset, `a ${this.length}-byte IOHeader`, got);
  }

  private readMagic(c: Cursor): boolean {
    const have = c.queue.peek(Math.min(c.queue.length, AEDAT4_MAGIC.length))!;
    for (let i = 0; i < have.length; i++) {
      if (have[i] !== AEDAT4_MAGIC[i]) {
        throw new DecodeError(FORMAT, i, `the magic "#!AER-DAT4.0\\r\\n"`, `byte ${have[i]} at position ${i}`);
      }
    }
    if (have.length < AEDAT4_MAGIC.length) return false;
    c.consume(AEDAT4_MAGIC.length);
    this.step = 'size';
    return true;
  }

  private readSize(c: Cursor): boolean {
    const v = c.queue.peek(HEADER_SIZE_BYTES);
    if (v === null) return false;
    this.length = u32(v, 0);
    if (this.length < 8 || this.length > this.o.maxHeaderBytes) {
      throw new DecodeError(FORMAT, c.offset, `an IOHeader size in 8..${this.o.maxHeaderBytes} bytes`, `${this.length}`);
    }
    c.consume(HEADER_SIZE_BYTES);
    this.step = 'header';
    return true;
  }

  /** Parses the IOHeader bytes `v` and plans the streams. @throws DecodeError */
  private start(v: Uint8Array): Aedat4Start {
    let io = parseHeaderBytes(v, this.headerStart);
    if (this.o.network) io = { ...io, dataTablePosition: -1 }; // packets run until the connection ends
    const end = this.headerStart + this.length;
    if (io.dataTablePosition !== -1 && io.dataTablePosition < end) {
      throw new DecodeError(FORMAT, HEADER_START, `dataTablePosition -1 or >= ${end}`, `${io.dataTablePosition}`);
    }
    const plan = planStreams(io.streams, this.o.eventStream);
    if (typeof plan === 'string') throw new DecodeError(FORMAT, this.headerStart, plan, 'none such in the infoNode');
    const w = plan.events?.width;
    const h = plan.events?.height;
    const sensor = w !== undefined && h !== undefined ? { width: w, height: h } : this.o.sensor ?? INT16_RANGE;
    const header = makeHeader(io, plan, end, w ?? this.o.sensor?.width ?? null, h ?? this.o.sensor?.height ?? null);
    return { io, plan, codec: decompressorFor(io.compression, this.o.wasm), sensor, header };
  }
}

/** Parses the IOHeader found at offset `at` (18 in a file, 4 in a network stream). @throws DecodeError */
function parseHeaderBytes(v: Uint8Array, at: number): Aedat4IoHeader {
  try {
    return parseIoHeader(v);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new DecodeError(FORMAT, at, 'well-formed infoNode XML', e.message);
    throw bodyError(e, at, 0);
  }
}

/** The decoder's FileHeader for an IOHeader and the chosen streams. */
function makeHeader(io: Aedat4IoHeader, plan: StreamPlan, headerBytes: number, width: number | null, height: number | null): FileHeader {
  const metadata: Record<string, string> = {
    compression: io.compression,
    dataTablePosition: String(io.dataTablePosition),
  };
  if (plan.events) metadata['eventStream'] = String(plan.events.id);
  if (plan.events?.source !== undefined) metadata['source'] = plan.events.source;
  return { format: FORMAT, width, height, headerBytes, metadata, streams: io.streams };
}
