import { compress as lz4Compress } from 'lz4js';
import type { EventBatch } from '../../events/EventBatch.js';
import { ConfigError } from '../../errors.js';
import type { BodyCompressor, CompressionName } from './codecs/Codec.js';
import { COMPRESSION_NAMES } from './codecs/Codec.js';
import { zstdStoredFrame } from './codecs/zstdFrame.js';
import {
  EVENT_PACKET_HEAD, IOHEADER_TABLE_POSITION_AT, buildDataTable, buildIoHeader, int64Bytes,
  writeEventPacketHead,
} from './flatBuild.js';
import { infoNodeXml } from './infoNodeWriter.js';
import { AEDAT4_MAGIC } from './ioHeader.js';
import { type Aedat4TableEntry, EVENT_BYTES } from './packets.js';

/** Compression the writer offers (LZ4 is what DV records by default). */
export type Aedat4Compression = 'none' | 'lz4' | 'zstd';

/** Options of {@link createAedat4Writer}. */
export interface Aedat4WriterOptions {
  /** Sensor size in pixels (1..32767, int16 coordinates); events must lie inside it. */
  readonly width: number;
  readonly height: number;
  /** Default `lz4`. */
  readonly compression?: Aedat4Compression;
  /** The event stream's `source` attr (camera name). Default `spikeguard`. */
  readonly source?: string;
  /**
   * Events per packet, default 4096: 64 KiB of Event structs, one LZ4 block's worth, so packets
   * compress well, one table entry indexes ~64 KiB, and a reader's latency and scratch memory
   * stay small (DV itself writes a packet per few ms, ~400–1,000 events in the samples).
   */
  readonly packetEvents?: number;
  /**
   * Compresses one body into one frame of `compression`. Default: lz4js for `lz4`; for `zstd`,
   * raw-block frames (valid, uncompressed, pure JS) — in Node pass
   * `nativeZstdCompressor()` from `src/aedat/node/nativeCompressors.ts` for real compression.
   */
  readonly compressor?: BodyCompressor;
  /**
   * Default true. False keeps no FileDataTable rows, so memory stays bounded however long the
   * writer runs: for live network streams, which have no table (`finish()` then throws).
   */
  readonly dataTable?: boolean;
}

/** The IOHeader bytes to overwrite once the dataTablePosition is known. */
export interface Aedat4Patch {
  /** Absolute file offset of the IOHeader's int64 dataTablePosition. */
  readonly offset: number;
  readonly bytes: Uint8Array;
}

/** An incremental AEDAT 4.0 writer: memory bounded by one packet plus one table row a packet. */
export interface Aedat4Writer {
  /** Magic, IOHeader size and IOHeader (dataTablePosition -1 until patched). Call first. */
  start(): Uint8Array;
  /** Appends events; returns the packets completed (possibly none). @throws ConfigError */
  write(batch: EventBatch): Uint8Array[];
  /** Packs the pending events into a packet now (none when nothing is pending): a live stream sends each batch at once. */
  flush(): Uint8Array[];
  /** Flushes the last packet and writes the FileDataTable; apply `patch` to the start's bytes. */
  finish(): { tail: Uint8Array; patch: Aedat4Patch };
}

const DEFAULT_PACKET_EVENTS = 4096;
const MAX_PACKET_EVENTS = 1 << 22; // 64 MiB packets
const MAX_COORD = 0x7fff;
const CODE: Readonly<Record<Aedat4Compression, CompressionName>> = { none: 'NONE', lz4: 'LZ4', zstd: 'ZSTD' };
const PACKET_HEADER_BYTES = 8;
const U32 = 2 ** 32;

function checkedOptions(o: Aedat4WriterOptions): Required<Omit<Aedat4WriterOptions, 'compressor' | 'dataTable'>> {
  const int = (v: number, lo: number, hi: number, what: string) => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new ConfigError(`${what} must be an integer in ${lo}..${hi}, got ${v}`);
  };
  int(o.width, 1, MAX_COORD, 'width');
  int(o.height, 1, MAX_COORD, 'height');
  const packetEvents = o.packetEvents ?? DEFAULT_PACKET_EVENTS;
  int(packetEvents, 1, MAX_PACKET_EVENTS, 'packetEvents');
  const compression = o.compression ?? 'lz4';
  if (!(compression in CODE)) throw new ConfigError(`compression must be none, lz4 or zstd, got ${compression}`);
  return { width: o.width, height: o.height, compression, packetEvents, source: o.source ?? 'spikeguard' };
}

function defaultCompressor(c: Aedat4Compression): BodyCompressor {
  if (c === 'lz4') return (raw) => lz4Compress(raw);
  if (c === 'zstd') return zstdStoredFrame;
  return (raw) => raw.slice(); // the packet buffer is reused
}

/** Throws unless every event lies inside the sensor and has an integer time below 2^53. */
function checkBatch(b: EventBatch, width: number, height: number): void {
  for (let i = 0; i < b.t.length; i++) {
    if (b.x[i]! >= width || b.y[i]! >= height || !Number.isSafeInteger(b.t[i])) {
      throw new ConfigError(`event ${i} (t ${b.t[i]}, x ${b.x[i]}, y ${b.y[i]}) is outside ${width}x${height} or t is not an integer µs`);
    }
  }
}

/**
 * Creates an incremental AEDAT 4.0 writer of one EVTS stream (id 0): packets of at most
 * `packetEvents` events, each body one frame of the chosen compression, then a FileDataTable
 * (ByteOffset, PacketInfo, NumElements, TimestampStart, TimestampEnd) compressed the same way.
 * The IOHeader is written with dataTablePosition -1 and its int64 field present; `finish()`
 * gives the 8 bytes to patch in (the header's size does not change).
 * @throws ConfigError on bad options, calls out of order, or events outside the sensor.
 * @example
 * const w = createAedat4Writer({ width: 346, height: 260, compression: 'lz4' });
 * sink(w.start()); for (const b of batches) w.write(b).forEach(sink);
 * const { tail, patch } = w.finish(); sink(tail); patchAt(patch.offset, patch.bytes);
 */
export function createAedat4Writer(opts: Aedat4WriterOptions): Aedat4Writer {
  const o = checkedOptions(opts);
  const compress = opts.compressor ?? defaultCompressor(o.compression);
  const pending = new Uint8Array(EVENT_PACKET_HEAD + EVENT_BYTES * o.packetEvents);
  const dv = new DataView(pending.buffer);
  const rows: Aedat4TableEntry[] = [];
  let n = 0;
  let position = -1; // bytes emitted; -1 before start()
  let finished = false;

  function packet(raw: Uint8Array, elements: number, t0: number, t1: number): Uint8Array {
    const body = compress(raw);
    const out = new Uint8Array(PACKET_HEADER_BYTES + body.length);
    const h = new DataView(out.buffer);
    h.setInt32(0, 0, true); // stream 0
    h.setInt32(4, body.length, true);
    out.set(body, PACKET_HEADER_BYTES);
    if (opts.dataTable !== false) rows.push({ byteOffset: position + PACKET_HEADER_BYTES, streamId: 0, size: body.length, numElements: elements, timestampStartUs: t0, timestampEndUs: t1 });
    position += out.length;
    return out;
  }

  function flush(): Uint8Array {
    const total = writeEventPacketHead(pending, n);
    const first = dv.getUint32(EVENT_PACKET_HEAD, true) + dv.getInt32(EVENT_PACKET_HEAD + 4, true) * U32;
    const last = EVENT_PACKET_HEAD + EVENT_BYTES * (n - 1);
    const p = packet(pending.subarray(0, total), n, first, dv.getUint32(last, true) + dv.getInt32(last + 4, true) * U32);
    n = 0;
    return p;
  }

  function ready(): void {
    if (position < 0 || finished) throw new ConfigError(position < 0 ? 'call start() first' : 'the writer is finished');
  }

  return {
    start(): Uint8Array {
      if (position >= 0) throw new ConfigError('start() was already called');
      const xml = infoNodeXml({ width: o.width, height: o.height, source: o.source, compression: CODE[o.compression] });
      const io = buildIoHeader(COMPRESSION_NAMES.indexOf(CODE[o.compression]), -1, xml);
      const out = new Uint8Array(AEDAT4_MAGIC.length + 4 + io.length);
      out.set(AEDAT4_MAGIC);
      new DataView(out.buffer).setUint32(AEDAT4_MAGIC.length, io.length, true);
      out.set(io, AEDAT4_MAGIC.length + 4);
      position = out.length;
      return out;
    },
    write(batch: EventBatch): Uint8Array[] {
      ready();
      checkBatch(batch, o.width, o.height);
      const done: Uint8Array[] = [];
      const { x, y, t, p } = batch;
      for (let i = 0; i < t.length; i++) {
        const at = EVENT_PACKET_HEAD + EVENT_BYTES * n;
        const ts = t[i]!;
        const hi = Math.floor(ts / U32);
        dv.setUint32(at, ts - hi * U32, true);
        dv.setInt32(at + 4, hi, true);
        dv.setInt16(at + 8, x[i]!, true);
        dv.setInt16(at + 10, y[i]!, true);
        dv.setUint32(at + 12, p[i] === 0 ? 0 : 1, true); // polarity and 3 zero padding bytes
        if (++n === o.packetEvents) done.push(flush());
      }
      return done;
    },
    flush(): Uint8Array[] {
      ready();
      return n > 0 ? [flush()] : [];
    },
    finish() {
      ready();
      if (opts.dataTable === false) throw new ConfigError('finish() needs a writer that keeps its dataTable');
      const parts = n > 0 ? [flush()] : [];
      const table = compress(buildDataTable(rows));
      const dataTablePosition = position;
      position += table.length;
      finished = true;
      const tail = new Uint8Array(parts.reduce((s, q) => s + q.length, 0) + table.length);
      let at = 0;
      for (const q of [...parts, table]) {
        tail.set(q, at);
        at += q.length;
      }
      const offset = AEDAT4_MAGIC.length + 4 + IOHEADER_TABLE_POSITION_AT;
      return { tail, patch: { offset, bytes: int64Bytes(dataTablePosition) } };
    },
  };
}

/**
 * Writes batches as one in-memory AEDAT 4.0 file (the header patched with the table position).
 * For large recordings use {@link createAedat4Writer} and stream (see `writeAedat4File` in Node).
 * @throws ConfigError as {@link createAedat4Writer}.
 */
export function writeAedat4(batches: Iterable<EventBatch>, opts: Aedat4WriterOptions): Uint8Array {
  const w = createAedat4Writer(opts);
  const parts = [w.start()];
  for (const b of batches) parts.push(...w.write(b));
  const { tail, patch } = w.finish();
  parts.push(tail);
  const out = new Uint8Array(parts.reduce((s, q) => s + q.length, 0));
  let at = 0;
  for (const q of parts) {
    out.set(q, at);
    at += q.length;
  }
  out.set(patch.bytes, patch.offset);
  return out;
}
