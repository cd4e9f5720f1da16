/**
 * Counts of one subscription to a source ({@link replayFile} or {@link simulatedCamera}), given to
 * the source's `onMetrics` callback as an immutable snapshot. Nothing a source drops or skips goes
 * uncounted: `skipped` holds what the decoder passed over (its `skipped` map, summed over loop
 * passes), `dropped` what the source itself shed, `side` the decoded outputs that are not events.
 */
export interface SourceMetrics {
  readonly source: 'replayFile' | 'simulatedCamera';
  /** `running` for snapshots taken between passes; the last snapshot says how the run ended. */
  readonly state: 'running' | 'complete' | 'error' | 'unsubscribed';
  /** Batches delivered downstream. */
  readonly batches: number;
  /** Events delivered downstream. */
  readonly events: number;
  /** Loop passes started over the file (1 without looping); simulated steps for the camera. */
  readonly passes: number;
  /** File chunks read (0 for the camera). */
  readonly chunksRead: number;
  /** File bytes read (0 for the camera). */
  readonly bytesRead: number;
  /** Decoder `skipped` counts by kind (IMU words, overflow records, …), summed over passes. */
  readonly skipped: Readonly<Record<string, number>>;
  /** Things the source shed, by kind (`truncatedBytes`, `stepOverflowEvents`). */
  readonly dropped: Readonly<Record<string, number>>;
  /** Side outputs decoded but not in the event stream. */
  readonly side: { readonly frames: number; readonly imu: number; readonly triggers: number };
  /** Largest delay in ms (scheduler time) of a paced batch behind its due time; 0 at max speed. */
  readonly maxLagMs: number;
}
