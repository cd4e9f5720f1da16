import { DecodeError } from '../../errors.js';

/** Size of the libcaer event packet header (`CAER_EVENT_PACKET_HEADER_SIZE`). */
export const PACKET_HEADER_BYTES = 28;

/** libcaer event types (`include/libcaer/events/common.h`). */
export const EVENT_TYPE = { Special: 0, Polarity: 1, Frame: 2, Imu6: 3 } as const;

/** Names used as `skipped` kinds; other types are counted as `type_<n>`. */
const TYPE_NAMES: readonly string[] = [
  'special', 'polarity', 'frame', 'imu6', 'imu9', 'sample', 'ear', 'config',
  'point1d', 'point2d', 'point3d', 'point4d', 'spike', 'matrix4x4',
];

/** Event layouts this decoder reads: minimum event size and the required timestamp offset. */
const READ_LAYOUT: Readonly<Record<number, { minSize: number; tsOffset: number }>> = {
  [EVENT_TYPE.Special]: { minSize: 8, tsOffset: 4 },
  [EVENT_TYPE.Polarity]: { minSize: 8, tsOffset: 4 },
  [EVENT_TYPE.Imu6]: { minSize: 36, tsOffset: 4 },
};

/** Largest single event accepted (a 1280×720 RGBA frame event is ~7.4 MB). */
const MAX_EVENT_BYTES = 64 * 1024 * 1024;
/** eventTSOverflow bound keeping `overflow·2^31 + ts` an exact float64 (< 2^53 µs). */
const MAX_TS_OVERFLOW = 2 ** 22;

/** The 28-byte packet header (all fields int32 LE except type and source, int16 LE). */
export interface PacketHeader {
  readonly type: number;
  readonly source: number;
  /** Bytes per event. */
  readonly size: number;
  /** Byte offset of the 32-bit timestamp inside an event. */
  readonly tsOffset: number;
  /** High part of the 64-bit timestamps: t = tsOverflow·2^31 + ts. */
  readonly tsOverflow: number;
  readonly capacity: number;
  /** Events stored (valid + invalid); the rest of the capacity is unused. */
  readonly number: number;
  readonly valid: number;
}

/** The `skipped` kind for a packet type. */
export function typeName(type: number): string {
  return TYPE_NAMES[type] ?? `type_${type}`;
}

/** Bytes of a packet: header plus `capacity · size` event bytes. */
export function packetBytes(h: PacketHeader): number {
  return PACKET_HEADER_BYTES + h.capacity * h.size;
}

const i16 = (b: Uint8Array, at: number): number => ((b[at]! | (b[at + 1]! << 8)) << 16) >> 16;
const i32 = (b: Uint8Array, at: number): number =>
  b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);

/**
 * Parses and checks a packet header (`b` holds at least 28 bytes).
 * @param at absolute file offset of the header, for errors
 * @param maxPacketBytes largest event block accepted (capacity · size)
 * @throws DecodeError at `at` when a field is impossible: negative type, size < 1 or > 64 MiB,
 *   timestamp outside the event, number > capacity, valid > number, an event block over
 *   `maxPacketBytes`, or a special/polarity/IMU6 packet with a foreign event layout.
 */
export function parsePacketHeader(b: Uint8Array, at: number, maxPacketBytes: number): PacketHeader {
  const h: PacketHeader = {
    type: i16(b, 0), source: i16(b, 2), size: i32(b, 4), tsOffset: i32(b, 8), tsOverflow: i32(b, 12),
    capacity: i32(b, 16), number: i32(b, 20), valid: i32(b, 24),
  };
  const fault = headerFault(h, maxPacketBytes);
  if (fault !== null) throw new DecodeError('aedat3', at, `a valid packet header (${fault[0]})`, fault[1]);
  return h;
}

/** The first broken rule as [expected, got], or null when the header is sane. */
function headerFault(h: PacketHeader, maxPacketBytes: number): [string, string] | null {
  if (h.type < 0) return ['eventType >= 0', `eventType ${h.type}`];
  if (h.size < 1 || h.size > MAX_EVENT_BYTES) return [`1 <= eventSize <= ${MAX_EVENT_BYTES}`, `eventSize ${h.size}`];
  if (h.tsOffset < 0 || h.tsOffset + 4 > h.size) {
    return ['a 32-bit timestamp inside the event', `eventTSOffset ${h.tsOffset} with eventSize ${h.size}`];
  }
  if (h.tsOverflow < 0 || h.tsOverflow >= MAX_TS_OVERFLOW) {
    return [`0 <= eventTSOverflow < ${MAX_TS_OVERFLOW}`, `eventTSOverflow ${h.tsOverflow}`];
  }
  if (h.capacity < 0 || h.number < 0 || h.number > h.capacity) {
    return ['0 <= eventNumber <= eventCapacity', `eventNumber ${h.number}, eventCapacity ${h.capacity}`];
  }
  if (h.valid < 0 || h.valid > h.number) return ['0 <= eventValid <= eventNumber', `eventValid ${h.valid}`];
  if (h.capacity * h.size > maxPacketBytes) {
    return [`at most ${maxPacketBytes} event bytes (maxPacketBytes)`, `${h.capacity} × ${h.size} bytes`];
  }
  const layout = READ_LAYOUT[h.type];
  if (layout && (h.size < layout.minSize || h.tsOffset !== layout.tsOffset)) {
    return [`a ${typeName(h.type)} packet with eventSize >= ${layout.minSize} and eventTSOffset ${layout.tsOffset}`,
      `eventSize ${h.size}, eventTSOffset ${h.tsOffset}`];
  }
  return null;
}
