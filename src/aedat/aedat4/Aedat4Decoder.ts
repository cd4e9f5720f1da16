import type { EventBatch, SensorSize } from '../../events/EventBatch.js';
import { ColumnBuilder } from '../core/ColumnBuilder.js';
import { type DecoderSteps, failFast } from '../core/failFast.js';
import {
  DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_PACKET_BYTES, type DecoderOptions, type EventDecoder, type FileHeader,
} from '../core/types.js';
import { Aedat4HeaderReader } from './Aedat4HeaderReader.js';
import { Cursor } from './Cursor.js';
import type { Aedat4TableEntry } from './packets.js';
import { PacketBodyDecoder, type Side } from './PacketBodyDecoder.js';
import { PacketFramer } from './PacketFramer.js';
import { PacketIndex } from './PacketIndex.js';
import { readDataTable } from './readDataTable.js';
import { INT16_RANGE } from './streamRoles.js';

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
  /**
   * Decode event packets only: frame, IMU and trigger packets are skipped without being
   * decompressed and counted in `skipped` (`frame_not_requested`, …). For loading datasets,
   * where only events are used (default false).
   */
  readonly eventsOnly?: boolean;
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
  const steps = new Aedat4Steps(opts);
  // A getter (Object.assign would copy today's value, null, instead of the live table).
  return Object.defineProperty(failFast(steps), 'dataTable', { get: () => steps.dataTable, enumerable: true }) as Aedat4Decoder;
}

/** The packet phases, created once the header has been read. */
interface PacketPhases {
  readonly framer: PacketFramer;
  readonly body: PacketBodyDecoder;
}

/**
 * Runs the phases in file order: header (Aedat4HeaderReader.ts), packet framing (PacketFramer.ts),
 * packet bodies (PacketBodyDecoder.ts), data table (readDataTable.ts); then ignores what follows.
 */
class Aedat4Steps implements DecoderSteps {
  header: FileHeader | null = null;
  readonly skipped: Record<string, number> = {};
  sensor: SensorSize;
  dataTable: Aedat4TableEntry[] | null = null;
  private readonly at = new Cursor();
  private readonly out: ColumnBuilder;
  private readonly index = new PacketIndex();
  private readonly headerReader: Aedat4HeaderReader;
  private readonly maxPacketBytes: number;
  private phases: PacketPhases | null = null;
  private phase: 'header' | 'packets' | 'table' | 'done' = 'header';
  private side: Side = { frames: [], imu: [], triggers: [] };

  constructor(private readonly opts: Aedat4Options) {
    this.out = opts.columns ?? new ColumnBuilder();
    this.sensor = opts.sensor ?? INT16_RANGE;
    this.maxPacketBytes = opts.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES;
    this.headerReader = new Aedat4HeaderReader({
      network: opts.framing === 'network', maxHeaderBytes: opts.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES,
      eventStream: opts.eventStream, sensor: opts.sensor, wasm: opts.wasm ?? true,
    });
  }

  get offset(): number {
    return this.at.offset;
  }

  feed(chunk: Uint8Array): void {
    this.at.queue.push(chunk);
    this.run();
  }

  finish(): void {
    this.run();
    if (this.phase === 'header') throw this.headerReader.truncation(this.at);
    if (this.phase === 'table') this.readTable(true);
    const cut = this.phase === 'packets' ? this.phases!.framer.truncation(this.at) : undefined;
    if (cut) throw cut;
  }

  drain(): { events: EventBatch } & Side {
    const got = { events: this.out.finish(this.sensor), ...this.side };
    this.side = { frames: [], imu: [], triggers: [] };
    return got;
  }

  release(): void {
    this.out.release();
  }

  /** Advances as far as the queued bytes allow. @throws DecodeError */
  private run(): void {
    if (this.phase === 'header' && !this.readHeader()) return;
    if (this.phase === 'packets') this.readPackets();
    if (this.phase === 'table' && this.at.queue.length >= this.maxPacketBytes) this.readTable(false);
    if (this.phase === 'done') this.at.consume(this.at.queue.length); // bytes after the table are ignored
  }

  private readHeader(): boolean {
    const start = this.headerReader.read(this.at);
    if (start === null) return false;
    this.header = start.header;
    this.sensor = start.sensor;
    const ctx = { ...start, maxPacketBytes: this.maxPacketBytes, wasm: this.opts.wasm ?? true, eventsOnly: this.opts.eventsOnly ?? false };
    this.phases = {
      framer: new PacketFramer(this.maxPacketBytes, start.io.dataTablePosition),
      body: new PacketBodyDecoder(ctx, this.out, this.skipped),
    };
    this.phase = 'packets';
    return true;
  }

  private readPackets(): void {
    const { framer, body } = this.phases!;
    for (let p = framer.next(this.at); p !== null; p = framer.next(this.at)) {
      if (p === 'table') {
        this.phase = 'table';
        return;
      }
      const elements = body.decode(p, this.side);
      this.index.add(p.bodyAt, p.streamId, p.size, elements);
      this.at.consume(p.totalBytes);
    }
  }

  /** Reads the FileDataTable (at the end of input, or once `maxPacketBytes` table bytes have arrived). */
  private readTable(atEnd: boolean): void {
    this.dataTable = readDataTable(this.at, this.phases!.body, this.maxPacketBytes, atEnd, this.index, this.skipped);
    this.phase = 'done';
  }
}
