import type { EventBatch, SensorSize } from '../../events/EventBatch.js';
import { DecodeError } from '../../errors.js';
import { AedatHeaderReader, parseAedatMetadata } from '../aedat2/AedatHeaderReader.js';
import { type DecoderSteps, failFast } from '../core/failFast.js';
import { ColumnBuilder } from '../core/ColumnBuilder.js';
import type { TextHeader } from '../core/PrefixedHeaderReader.js';
import {
  DEFAULT_MAX_HEADER_BYTES,
  DEFAULT_MAX_PACKET_BYTES,
  type DecodeOutput,
  type DecoderOptions,
  type EventDecoder,
  type FileHeader,
  type ImuSample,
  type StreamInfo,
} from '../core/types.js';
import { cameraSize } from './cameraSize.js';
import { countSpecial, decodeImu6, decodePolarity } from './decodePackets.js';
import { EVENT_TYPE, type PacketHeader } from './packetHeader.js';
import { PacketReader } from './PacketReader.js';

const FORMAT = 'aedat3';
const END_HEADER = '#!END-HEADER';
const VERSIONS = ['3.0', '3.1'];
const SOURCE_LINE = /^#Source (-?\d+):\s*(.*)$/;
/** Packet types whose events are read; the bodies of all others are skipped as they arrive. */
const READ_TYPES: ReadonlySet<number> = new Set([EVENT_TYPE.Special, EVENT_TYPE.Polarity, EVENT_TYPE.Imu6]);
/** 15-bit x and y: the coordinate range when the camera is unknown. */
const ADDRESS_RANGE: SensorSize = { width: 32768, height: 32768 };
const NO_SENSOR: SensorSize = { width: 0, height: 0 };

/**
 * Decoder for cAER AEDAT 3.1 (and 3.0) files: a `#` header (3.1 ends with `#!END-HEADER`, 3.0 at
 * the first non-`#` line), then packets of a 28-byte little-endian header and
 * `eventCapacity · eventSize` event bytes, of which the first `eventNumber` are used.
 *
 * Polarity packets (type 1) give events: x = bits 17–31, y = bits 2–16, p = bit 1 (raw),
 * t = eventTSOverflow·2^31 + uint32 timestamp (µs). Invalid events → skipped `invalid`.
 * Special packets are counted per type (`special_timestamp_wrap`, …); IMU6 packets become `imu`
 * side outputs (`streamId` = source id); frames and every other type are skipped and their valid
 * events counted by type name (`frame`, `imu9`, `type_<n>`). Sensor size: `sensor` option, else
 * the first `#Source N:` camera name with a known size (see `cameraSize.ts`); `header.streams`
 * lists the sources.
 *
 * Packets are framed by {@link PacketReader}: buffered until whole (skipped bodies are dropped as
 * they arrive), never pre-allocated from a header's claim.
 *
 * @throws never: faults come back in {@link DecodeOutput.error} — {@link DecodeError} for a bad
 *   version line, a 3.1 header without `#!END-HEADER`, a `#Format:` other than RAW, or an
 *   impossible packet header (offset of that header; see `parsePacketHeader`);
 *   `TruncatedInputError` at `end()` when the input stops inside a packet.
 * @example
 * const dec = createAedat3Decoder({ sensor: { width: 128, height: 128 } });
 * for (const chunk of chunks) { const { events, imu, error } = dec.push(chunk); … }
 */
export function createAedat3Decoder(opts: DecoderOptions = {}): EventDecoder {
  return failFast(new Aedat3Steps(opts));
}

class Aedat3Steps implements DecoderSteps {
  header: FileHeader | null = null;
  readonly skipped: Record<string, number> = {};
  sensor: SensorSize;
  private readonly headerReader: AedatHeaderReader;
  private readonly out: ColumnBuilder;
  private packets: PacketReader | null = null;
  private imu: ImuSample[] = [];

  constructor(private readonly opts: DecoderOptions) {
    this.out = opts.columns ?? new ColumnBuilder();
    this.headerReader = new AedatHeaderReader(FORMAT, 3, opts.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES, END_HEADER);
    this.sensor = opts.sensor ?? NO_SENSOR;
  }

  get offset(): number {
    return this.packets?.offset ?? 0;
  }

  feed(chunk: Uint8Array): void {
    if (this.packets !== null) return this.packets.push(chunk);
    const h = this.headerReader.feed(chunk);
    if (h !== null) this.onHeader(h);
  }

  finish(): void {
    if (this.packets === null) this.onHeader(this.headerReader.finish());
    const cut = this.packets!.truncation(FORMAT);
    if (cut !== null) throw cut;
  }

  drain(): { events: EventBatch; imu: ImuSample[] } {
    const side = { events: this.out.finish(this.sensor), imu: this.imu };
    this.imu = [];
    return side;
  }

  release(): void {
    this.out.release();
  }

  /** Publishes the header and starts the packet reader on the bytes after it. @throws DecodeError */
  private onHeader(h: TextHeader): void {
    const { opts } = this;
    this.header = readFileHeader(h, opts.sensor);
    this.sensor = opts.sensor ?? (this.header.width === null ? ADDRESS_RANGE : { width: this.header.width, height: this.header.height! });
    const maxPacketBytes = opts.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES;
    this.packets = new PacketReader(h.headerBytes, maxPacketBytes, READ_TYPES, (pkt, ph) => this.readPacket(pkt, ph), this.skipped);
    for (const c of h.rest) this.packets.push(c);
  }

  private readPacket(pkt: Uint8Array, h: PacketHeader): void {
    if (h.type === EVENT_TYPE.Polarity) decodePolarity(pkt, h, this.out, this.sensor, this.skipped);
    else if (h.type === EVENT_TYPE.Special) countSpecial(pkt, h, this.skipped);
    else for (const s of decodeImu6(pkt, h, this.skipped)) this.imu.push(s);
  }
}

/**
 * The file header from the text lines.
 * @throws DecodeError for a version other than 3.0/3.1 (offset 0), a 3.1 header not ended by
 *   `#!END-HEADER` or a `#Format:` other than RAW (offset = header size).
 */
function readFileHeader(h: TextHeader, sensorOption: SensorSize | undefined): FileHeader {
  const metadata = parseAedatMetadata(h.lines);
  const version = metadata['version'] ?? '';
  if (!VERSIONS.includes(version)) {
    throw new DecodeError(FORMAT, 0, 'version 3.0 or 3.1', `"${h.lines[0] ?? ''}"`);
  }
  if (version === '3.1' && h.lines[h.lines.length - 1] !== END_HEADER) {
    throw new DecodeError(FORMAT, h.headerBytes, `a "${END_HEADER}" line ending the 3.1 header`,
      `a header ending after "${h.lines[h.lines.length - 1] ?? ''}"`);
  }
  const format = metadata['Format'];
  if (format !== undefined && format !== 'RAW') {
    throw new DecodeError(FORMAT, h.headerBytes, '"#Format: RAW" (uncompressed packets)', `"#Format: ${format}"`);
  }
  const streams = sourcesOf(h.lines);
  const known = sensorOption ?? streams.find((s) => s.width !== undefined);
  return {
    format: FORMAT, width: known?.width ?? null, height: known?.height ?? null,
    headerBytes: h.headerBytes, metadata, streams,
  };
}

/** `#Source N: NAME` lines as streams, with the size the camera name implies. */
function sourcesOf(lines: readonly string[]): StreamInfo[] {
  const streams: StreamInfo[] = [];
  for (const line of lines) {
    const m = SOURCE_LINE.exec(line);
    if (!m) continue;
    const name = m[2]!.trim();
    const size = cameraSize(name);
    streams.push(size === null
      ? { id: Number(m[1]), type: name, source: name }
      : { id: Number(m[1]), type: name, source: name, width: size.width, height: size.height });
  }
  return streams;
}
