import type { ColumnBuilder } from './ColumnBuilder.js';
import type { EventBatch, SensorSize } from '../../events/EventBatch.js';
import type { DecodeError } from '../../errors.js';

/** Formats the parser reads. */
export type FormatName =
  | 'aedat2'
  | 'aedat3'
  | 'aedat4'
  | 'evt2'
  | 'evt3'
  | 'dat'
  | 'nmnist'
  | 'es';

export const FORMAT_NAMES: readonly FormatName[] = [
  'aedat2', 'aedat3', 'aedat4', 'evt2', 'evt3', 'dat', 'nmnist', 'es',
];

/** One stream declared by a container file (AEDAT 3.1 sources, AEDAT 4.0 outInfo nodes). */
export interface StreamInfo {
  readonly id: number;
  /** Type identifier, e.g. `EVTS`, `FRME`, `IMUS`, `TRIG`, or the source description. */
  readonly type: string;
  readonly width?: number;
  readonly height?: number;
  readonly source?: string;
}

/** What a file's header says. Available once the decoder has read the header. */
export interface FileHeader {
  readonly format: FormatName;
  /** Sensor size from the file, the camera model or an option; null when nothing says it. */
  readonly width: number | null;
  readonly height: number | null;
  /** Bytes before the first event data. */
  readonly headerBytes: number;
  /** Header entries as key/value text (format-specific keys, e.g. `AEChip`, `evt`, `compression`). */
  readonly metadata: Readonly<Record<string, string>>;
  readonly streams?: readonly StreamInfo[];
}

/** An APS / intensity frame (AEDAT 4.0 `FRME`). Timestamps in µs. */
export interface Frame {
  readonly streamId: number;
  readonly t: number;
  readonly startOfFrameUs: number;
  readonly endOfFrameUs: number;
  readonly startOfExposureUs: number;
  readonly endOfExposureUs: number;
  /** 0 GRAY, 16 BGR, 24 BGRA (OpenCV-compatible channel layouts). */
  readonly format: number;
  readonly width: number;
  readonly height: number;
  readonly positionX: number;
  readonly positionY: number;
  /** Row-major, width × height × channels bytes. */
  readonly pixels: Uint8Array;
}

/** One IMU sample. Accelerometer in g, gyroscope in °/s, temperature in °C, magnetometer in µT. */
export interface ImuSample {
  readonly streamId: number;
  readonly t: number;
  readonly temperature: number;
  readonly accel: readonly [number, number, number];
  readonly gyro: readonly [number, number, number];
  readonly magnet: readonly [number, number, number];
}

/** A trigger / special event (external input edges, frame and exposure markers). */
export interface Trigger {
  readonly streamId: number;
  readonly t: number;
  /** Format-specific type code (AEDAT 4.0 `TriggerType`, EVT external trigger id). */
  readonly type: number;
}

/**
 * What one `push` or `end` produced. Events come in file order; a batch may be empty.
 * When `error` is set the decoder is failed: the events are the good prefix before the fault,
 * and every later call returns the same error and no events.
 */
export interface DecodeOutput {
  readonly events: EventBatch;
  readonly frames: readonly Frame[];
  readonly imu: readonly ImuSample[];
  readonly triggers: readonly Trigger[];
  readonly error?: DecodeError;
}

/**
 * An incremental decoder: feed byte chunks of any size, get events. Decoding a file in one chunk
 * or in 1-byte chunks gives the same events in the same order.
 */
export interface EventDecoder {
  /** Null until the header has been read; `header.format` is the format actually decoded. */
  readonly header: FileHeader | null;
  /** Words, records or packets that were not events, by kind (e.g. `imu`, `aps`, `frame`). */
  readonly skipped: Readonly<Record<string, number>>;
  /** Absolute byte offset up to which input has been consumed. */
  readonly offset: number;
  /**
   * Feeds the next chunk (kept by reference until decoded: do not modify it).
   * @throws ConfigError when called after `end()` (a caller bug; input faults are returned, never thrown).
   */
  push(chunk: Uint8Array): DecodeOutput;
  /**
   * Signals the end of input. Leftover bytes that do not form a whole record give a
   * {@link TruncatedInputError} after every whole event has been delivered.
   * @throws ConfigError when called a second time.
   */
  end(): DecodeOutput;
}

/** Options every decoder accepts. */
export interface DecoderOptions {
  /** Sensor size to use when the file does not say it (or to override the camera-model guess). */
  readonly sensor?: SensorSize;
  /** Largest header accepted, in bytes (jAER headers reach 300 KB). Default 16 MiB. */
  readonly maxHeaderBytes?: number;
  /** Largest packet accepted, in bytes (AEDAT 3.1 / 4.0). Default 256 MiB. */
  readonly maxPacketBytes?: number;
  /**
   * Columns to write events into (default: the decoder's own). A lending builder, reused across
   * files, makes batches views into it: see {@link ColumnBuilder}.
   */
  readonly columns?: ColumnBuilder;
}

export const DEFAULT_MAX_HEADER_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_PACKET_BYTES = 256 * 1024 * 1024;
