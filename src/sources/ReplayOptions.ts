import type { Frame, ImuSample, Trigger } from '../aedat/core/types.js';
import type { OpenDecoderOptions } from '../aedat/openDecoder.js';
import type { Pacing } from './Pacing.js';
import type { SourceMetrics } from './SourceMetrics.js';

/** Decoded outputs that are not events (AEDAT frames, IMU samples, triggers), per decoded chunk. */
export interface SideOutputs {
  readonly frames: readonly Frame[];
  readonly imu: readonly ImuSample[];
  readonly triggers: readonly Trigger[];
}

/** Options of {@link replayFile} (and {@link replayChunks}): the decoder's plus the replay's. */
export interface ReplayOptions extends OpenDecoderOptions {
  /** Default `'max'`. */
  readonly pace?: Pacing;
  /**
   * Passes over the file (default 1; `Infinity` loops until unsubscribed). Each pass restarts
   * the decoder; pass k's timestamps are shifted by k·(tMax − t₀ + `loopGapUs`) µs, with t₀ the
   * recording's first and tMax its largest timestamp, so time keeps increasing across passes.
   * A pass that yields no event ends the looping.
   */
  readonly loops?: number;
  /** µs between the last event of a pass and the first of the next (default 1). */
  readonly loopGapUs?: number;
  /** Decoded batches are cut into views of at most this many events (default 16,384). */
  readonly maxEventsPerBatch?: number;
  /** Bytes per read (default 256 KiB): with one decoded chunk in flight, this bounds memory. */
  readonly chunkBytes?: number;
  /**
   * A file ending mid-record (TruncatedInputError): `'error'` (default) sends the error after the
   * last whole event; `'complete'` ends the pass normally and counts `dropped.truncatedBytes`.
   */
  readonly truncated?: 'error' | 'complete';
  /** Receives every decoded chunk's side outputs when it has any (always counted in metrics). */
  readonly onSide?: (side: SideOutputs) => void;
  /** Receives a metrics snapshot at the end of each pass and when the run ends (see {@link SourceMetrics}). */
  readonly onMetrics?: (m: SourceMetrics) => void;
}
