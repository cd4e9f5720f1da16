import type { SensorSize } from '../../events/EventBatch.js';
import type { ColumnBuilder } from '../core/ColumnBuilder.js';
import { addCount } from '../../addCount.js';
import type { ImuSample } from '../core/types.js';
import { PACKET_HEADER_BYTES, type PacketHeader } from './packetHeader.js';

/** Bit 0 of an event's first 32-bit word: 1 = valid (libcaer `VALID_MARK_MASK`). */
const VALID_BIT = 1;
/** Polarity data word: bit 1 polarity, bits 2–16 y, bits 17–31 x (`polarity.h`). */
const POL_Y_SHIFT = 2;
const POL_ADDR_MASK = 0x7fff;
const POL_X_SHIFT = 17;
/** Special data word: bits 1–7 special type (`special.h`). */
const SPECIAL_TYPE_MASK = 0x7f;
/** libcaer `TS_OVERFLOW_SHIFT`: the packet overflow counts units of 2^31 µs. */
const TS_OVERFLOW_UNIT = 2 ** 31;

/** libcaer `caer_special_event_types`, as `skipped` kinds (`special_<name>`). */
const SPECIAL_NAMES: readonly string[] = [
  'timestamp_wrap', 'timestamp_reset',
  'external_input_rising_edge', 'external_input_falling_edge', 'external_input_pulse',
  'dvs_row_only',
  'external_input1_rising_edge', 'external_input1_falling_edge', 'external_input1_pulse',
  'external_input2_rising_edge', 'external_input2_falling_edge', 'external_input2_pulse',
  'external_generator_rising_edge', 'external_generator_falling_edge',
  'aps_frame_start', 'aps_frame_end', 'aps_exposure_start', 'aps_exposure_end',
  'event_readout_start',
];

const u32 = (b: Uint8Array, at: number): number =>
  (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/**
 * Decodes the first `h.number` polarity events of a whole packet `pkt` (header included) into
 * `out`: x = bits 17–31, y = bits 2–16, p = bit 1, t = tsOverflow·2^31 + uint32 ts (µs).
 * Invalid events → skipped `invalid`; outside `sensor` → `out_of_bounds`.
 */
export function decodePolarity(
  pkt: Uint8Array, h: PacketHeader, out: ColumnBuilder, sensor: SensorSize, skipped: Record<string, number>,
): void {
  out.reserve(h.number);
  const { x, y, t, p } = out;
  const { width, height } = sensor;
  const tHigh = h.tsOverflow * TS_OVERFLOW_UNIT;
  const step = h.size;
  const end = PACKET_HEADER_BYTES + h.number * step;
  let k = out.n;
  let invalid = 0;
  let outside = 0;
  for (let b = PACKET_HEADER_BYTES; b < end; b += step) {
    const d = pkt[b]! | (pkt[b + 1]! << 8) | (pkt[b + 2]! << 16) | (pkt[b + 3]! << 24);
    if ((d & VALID_BIT) === 0) {
      invalid++;
      continue;
    }
    const xx = d >>> POL_X_SHIFT;
    const yy = (d >>> POL_Y_SHIFT) & POL_ADDR_MASK;
    if (xx >= width || yy >= height) {
      outside++;
      continue;
    }
    x[k] = xx;
    y[k] = yy;
    p[k] = (d >>> 1) & 1;
    t[k] = tHigh + ((pkt[b + 4]! | (pkt[b + 5]! << 8) | (pkt[b + 6]! << 16) | (pkt[b + 7]! << 24)) >>> 0);
    k++;
  }
  out.n = k;
  if (invalid > 0) addCount(skipped, 'invalid', invalid);
  if (outside > 0) addCount(skipped, 'out_of_bounds', outside);
}

/** Counts the valid special events of a packet per special type (`special_timestamp_wrap`, …). */
export function countSpecial(pkt: Uint8Array, h: PacketHeader, skipped: Record<string, number>): void {
  for (let i = 0, b = PACKET_HEADER_BYTES; i < h.number; i++, b += h.size) {
    const d = u32(pkt, b);
    if ((d & VALID_BIT) === 0) {
      addCount(skipped, 'invalid');
      continue;
    }
    const type = (d >>> 1) & SPECIAL_TYPE_MASK;
    addCount(skipped, `special_${SPECIAL_NAMES[type] ?? type}`);
  }
}

/**
 * The valid IMU6 events of a packet (`imu6.h`: info, ts, accel x/y/z in g, gyro x/y/z in °/s,
 * temperature in °C, float32 LE). `streamId` is the packet's source; no magnetometer (zeros).
 */
export function decodeImu6(pkt: Uint8Array, h: PacketHeader, skipped: Record<string, number>): ImuSample[] {
  const view = new DataView(pkt.buffer, pkt.byteOffset, pkt.byteLength);
  const tHigh = h.tsOverflow * TS_OVERFLOW_UNIT;
  const samples: ImuSample[] = [];
  for (let i = 0, b = PACKET_HEADER_BYTES; i < h.number; i++, b += h.size) {
    if ((pkt[b]! & VALID_BIT) === 0) {
      addCount(skipped, 'invalid');
      continue;
    }
    const f = (k: number): number => view.getFloat32(b + 8 + 4 * k, true);
    samples.push({
      streamId: h.source,
      t: tHigh + u32(pkt, b + 4),
      accel: [f(0), f(1), f(2)],
      gyro: [f(3), f(4), f(5)],
      temperature: f(6),
      magnet: [0, 0, 0],
    });
  }
  return samples;
}
