import type { SensorSize } from '../../events/EventBatch.js';
import { DecodeError, TruncatedInputError } from '../../errors.js';
import { ByteQueue } from '../core/ByteQueue.js';
import { ColumnBuilder } from '../core/ColumnBuilder.js';
import { countSkip } from '../core/outputs.js';
import { failFast } from '../core/failFast.js';
import {
  DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_PACKET_BYTES,
  type DecoderOptions, type EventDecoder, type FileHeader, type Frame, type ImuSample, type Trigger,
} from '../core/types.js';
import { type BodyDecompressor, decompressorFor } from './codecs/index.js';
import { sizePrefixed, u32 } from './flatRead.js';
import { AEDAT4_MAGIC, type Aedat4IoHeader } from './ioHeader.js';
import { FORMAT, HEADER_START, type Phase, bodyError, isTruncation, makeHeader, parseHeaderBytes, truncation } from './decodeSupport.js';
import {
  type Aedat4TableEntry, PACKET_IDS, decodeDataTable, decodeEvents, decodeFrame, decodeImu, decodeTriggers,
} from './packets.js';
import { PacketIndex } from './PacketIndex.js';
import { INT16_RANGE, type StreamPlan, planStreams, unknownKind } from './streamRoles.js';

const MAGIC_BYTES = AEDAT4_MAGIC.length; // 14
const HEADER_SIZE_BYTES = 4;
const PACKET_HEADER_BYTES = 8;

/** Options of the AEDAT 4.0 decoder. */
export interface Aedat4Options extends DecoderOptions {
  /** Id of the EVTS stream to decode (others are skipped). Default: the EVTS stream with the lowest id. */
  readonly eventStream?: number;
  /** LZ4 blocks and event splitting in WebAssembly when available (default true); false: the JS reference. */
  readonly wasm?: boolean;
  /**
   * `'file'` (default): magic, IOHeader, packets, FileDataTable. `'network'`: a live stream as
   * dv-processing's `NetworkWriter` sends it — the size-prefixed IOHeader at byte 0 (no magic),
   * then packets until the connection ends; there is no table, so dataTablePosition is ignored.
   */
  readonly framing?: 'file' | 'network';
}

/** An AEDAT 4.0 decoder: an {@link EventDecoder} that also exposes the FileDataTable. */
export interface Aedat4Decoder extends EventDecoder {
  /**
   * The FileDataTable, once read (at `end()`, or when `maxPacketBytes` table bytes have arrived);
   * null before, and when the file has none (dataTablePosition -1). Entries are as stored;
   * disagreements with the packets are counted as skipped `table_mismatch`.
   */
  readonly dataTable: readonly Aedat4TableEntry[] | null;
}

/** Side outputs gathered during one push. */
interface Side {
  frames: Frame[];
  imu: ImuSample[];
  triggers: Trigger[];
}

/**
 * Incremental decoder for AEDAT 4.0 (DV) files from byte 0: magic, IOHeader (compression,
 * dataTablePosition, infoNode XML), then packets (`int32 StreamID, int32 Size`, a body compressed
 * per file with none / LZ4 / ZSTD, holding a size-prefixed flatbuffer) up to dataTablePosition,
 * then the FileDataTable; bytes after the table are ignored.
 *
 * Events of the chosen EVTS stream come out with t in µs as stored (Unix time), x/y as stored;
 * those outside the stream's sizeX×sizeY are counted `out_of_bounds`. FRME, IMUS and TRIG packets
 * fill `frames`, `imu` and `triggers`. Skipped and counted: other EVTS streams
 * (`other_event_stream`), streams the XML does not declare (`undeclared_stream`), declared streams
 * of other types (`unknown_<type>`), table disagreements (`table_mismatch`).
 *
 * Errors (as `DecodeError` in the output, never thrown): wrong magic, an IOHeader larger than
 * `maxHeaderBytes`, a packet Size outside 0..`maxPacketBytes` or crossing dataTablePosition, a
 * compressed frame that is malformed or would decompress past `maxPacketBytes`, a flatbuffer
 * whose offsets leave the body, a packet identifier other than its stream's typeIdentifier.
 * @example
 * const dec = createAedat4Decoder();
 * for (const chunk of chunks) use(dec.push(chunk).events);
 * const last = dec.end(); console.log(dec.dataTable?.length);
 */
export function createAedat4Decoder(opts: Aedat4Options = {}): Aedat4Decoder {
  const maxHeader = opts.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
  const maxPacket = opts.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES;
  const queue = new ByteQueue();
  const out = new ColumnBuilder();
  const skipped: Record<string, number> = {};
  const index = new PacketIndex();
  let sensor: SensorSize = opts.sensor ?? INT16_RANGE;
  let header: FileHeader | null = null;
  let io: Aedat4IoHeader | null = null;
  let plan: StreamPlan = { roles: new Map() };
  let codec: BodyDecompressor | null = null;
  let dataTable: Aedat4TableEntry[] | null = null;
  const network = opts.framing === 'network';
  const headerStart = network ? HEADER_SIZE_BYTES : HEADER_START;
  let phase: Phase = network ? 'headerSize' : 'magic';
  let offset = 0;
  let headerLength = 0;
  let side: Side = { frames: [], imu: [], triggers: [] };

  function consume(n: number): void {
    queue.skip(n);
    offset += n;
  }

  /** Checks the magic as bytes arrive, so a wrong file fails at its first differing byte. */
  function readMagic(): boolean {
    const have = queue.peek(Math.min(queue.length, MAGIC_BYTES))!;
    for (let i = 0; i < have.length; i++) {
      if (have[i] !== AEDAT4_MAGIC[i]) {
        throw new DecodeError(FORMAT, i, `the magic "#!AER-DAT4.0\\r\\n"`, `byte ${have[i]} at position ${i}`);
      }
    }
    if (have.length < MAGIC_BYTES) return false;
    consume(MAGIC_BYTES);
    phase = 'headerSize';
    return true;
  }

  function readHeaderSize(): boolean {
    const v = queue.peek(HEADER_SIZE_BYTES);
    if (v === null) return false;
    headerLength = u32(v, 0);
    if (headerLength < 8 || headerLength > maxHeader) {
      throw new DecodeError(FORMAT, offset, `an IOHeader size in 8..${maxHeader} bytes`, `${headerLength}`);
    }
    consume(HEADER_SIZE_BYTES);
    phase = 'header';
    return true;
  }

  function readHeader(): boolean {
    const v = queue.peek(headerLength);
    if (v === null) return false;
    io = parseHeaderBytes(v, headerStart);
    if (network) io = { ...io, dataTablePosition: -1 }; // packets run until the connection ends
    const end = headerStart + headerLength;
    if (io.dataTablePosition !== -1 && io.dataTablePosition < end) {
      throw new DecodeError(FORMAT, HEADER_START, `dataTablePosition -1 or >= ${end}`, `${io.dataTablePosition}`);
    }
    const p = planStreams(io.streams, opts.eventStream);
    if (typeof p === 'string') throw new DecodeError(FORMAT, headerStart, p, 'none such in the infoNode');
    plan = p;
    codec = decompressorFor(io.compression, opts.wasm ?? true);
    const w = plan.events?.width;
    const h = plan.events?.height;
    if (w !== undefined && h !== undefined) sensor = { width: w, height: h };
    header = makeHeader(io, plan, end, w ?? opts.sensor?.width ?? null, h ?? opts.sensor?.height ?? null);
    consume(headerLength);
    phase = 'packets';
    return true;
  }

  function readPacket(side: Side): boolean {
    const table = io!.dataTablePosition;
    if (table >= 0 && offset === table) {
      phase = 'table';
      return true;
    }
    const head = queue.peek(PACKET_HEADER_BYTES);
    if (head === null) return false;
    const streamId = u32(head, 0) | 0;
    const size = u32(head, 4) | 0;
    if (size < 0 || size > maxPacket) {
      throw new DecodeError(FORMAT, offset + 4, `a packet Size in 0..${maxPacket}`, `${size}`);
    }
    const end = offset + PACKET_HEADER_BYTES + size;
    if (table >= 0 && end > table) {
      throw new DecodeError(FORMAT, offset, `a packet ending by dataTablePosition ${table}`, `one ending at ${end}`);
    }
    const whole = queue.peek(PACKET_HEADER_BYTES + size);
    if (whole === null) return false;
    const bodyAt = offset + PACKET_HEADER_BYTES;
    const elements = decodePacket(streamId, whole.subarray(PACKET_HEADER_BYTES), bodyAt, side);
    index.add(bodyAt, streamId, size, elements);
    consume(PACKET_HEADER_BYTES + size);
    return true;
  }

  /** Decodes one packet body into the outputs. @returns elements decoded, -1 when skipped. */
  function decodePacket(streamId: number, body: Uint8Array, bodyAt: number, side: Side): number {
    const stream = plan.roles.get(streamId);
    if (stream === undefined) return skip('undeclared_stream');
    if (stream.role === 'other_events') return skip('other_event_stream');
    if (stream.role === 'unknown') return skip(unknownKind(stream.type));
    const fb = unpack(body, bodyAt, stream.type);
    try {
      switch (stream.role) {
        case 'events': {
          const r = decodeEvents(fb, out, sensor.width, sensor.height, opts.wasm ?? true);
          if (r.outOfBounds > 0) countSkip(skipped, 'out_of_bounds', r.outOfBounds);
          return r.elements;
        }
        case 'frame':
          side.frames.push(decodeFrame(fb, streamId));
          return 1;
        case 'imu':
          return decodeImu(fb, streamId, side.imu);
        case 'triggers':
          return decodeTriggers(fb, streamId, side.triggers);
      }
    } catch (e) {
      throw bodyError(e, bodyAt, codec === null ? 4 : -1);
    }
  }

  function skip(kind: string): number {
    countSkip(skipped, kind);
    return -1;
  }

  /** Decompresses a body and checks its size prefix and identifier. */
  function unpack(body: Uint8Array, bodyAt: number, expectedId: string, cutShort = false): Uint8Array {
    /** A fault inside the body; with `cutShort` (a table at end of input) running out of bytes is a truncation. */
    const fail = (e: unknown, shift: number): DecodeError => cutShort && isTruncation(e)
      ? new TruncatedInputError(FORMAT, bodyAt, 'a whole FileDataTable', `${body.length} bytes`)
      : bodyError(e, bodyAt, shift);
    let raw = body;
    if (codec !== null) {
      let r: { bytes: Uint8Array; consumed: number };
      try {
        r = codec.decompress(body, maxPacket);
      } catch (e) {
        throw fail(e, 0);
      }
      if (expectedId !== PACKET_IDS.table && r.consumed !== body.length) {
        throw new DecodeError(FORMAT, bodyAt + r.consumed, 'one compressed frame filling the packet', `${body.length - r.consumed} more bytes`);
      }
      raw = r.bytes;
    }
    let fb: Uint8Array;
    try {
      fb = sizePrefixed(raw);
    } catch (e) {
      throw fail(e, codec === null ? 0 : -1);
    }
    const id = fb.length >= 8 ? String.fromCharCode(fb[4]!, fb[5]!, fb[6]!, fb[7]!) : '';
    if (id !== expectedId) {
      const at = codec === null ? bodyAt + 8 : bodyAt;
      throw new DecodeError(FORMAT, at, `identifier ${expectedId}`, JSON.stringify(id));
    }
    return fb;
  }

  /**
   * Reads the FileDataTable from the bytes at dataTablePosition (at most maxPacketBytes of them).
   * At the end of input, a table cut short is a truncation.
   */
  function readTable(atEnd: boolean): void {
    const at = offset; // an empty table region is a truncation too (no frame header)
    const fb = unpack(queue.peek(Math.min(queue.length, maxPacket))!, at, PACKET_IDS.table, atEnd);
    try {
      dataTable = decodeDataTable(fb);
    } catch (e) {
      throw bodyError(e, at, codec === null ? 4 : -1);
    }
    const bad = index.mismatches(dataTable);
    if (bad > 0) countSkip(skipped, 'table_mismatch', bad);
    phase = 'done';
  }

  /** Advances as far as the queued bytes allow. */
  function run(side: Side): void {
    for (let more = true; more;) {
      switch (phase) {
        case 'magic': more = readMagic(); break;
        case 'headerSize': more = readHeaderSize(); break;
        case 'header': more = readHeader(); break;
        case 'packets': more = readPacket(side); break;
        case 'table':
          if (queue.length >= maxPacket) readTable(false);
          more = false;
          break;
        case 'done':
          consume(queue.length); // bytes after the table are ignored
          more = false;
      }
    }
  }

  const decoder = failFast({
    get header() { return header; },
    skipped,
    get sensor() { return sensor; },
    get offset() { return offset; },
    feed(chunk) {
      queue.push(chunk);
      run(side);
    },
    finish() {
      run(side);
      if (phase === 'table') readTable(true);
      const t = truncation(phase, offset, queue.peek(queue.length)!, headerLength, io?.dataTablePosition ?? -1);
      if (t) throw t;
    },
    drain() {
      const got = { events: out.finish(sensor), ...side };
      side = { frames: [], imu: [], triggers: [] };
      return got;
    },
    release: () => out.release(),
  });
  // A getter (Object.assign would copy today's value, null, instead of the live table).
  return Object.defineProperty(decoder, 'dataTable', { get: () => dataTable, enumerable: true }) as Aedat4Decoder;
}
