/**
 * Counts of one subscription to {@link consumeWith}, handed to its `onMetrics` callback as an
 * immutable snapshot (same conventions as `SourceMetrics`: `state`, `batches`, `events`, and
 * every shed item in `dropped` by kind).
 */
export interface FlowMetrics {
  readonly policy: 'lossless' | 'dropOldest';
  /** `running` for snapshots taken at a drop; the last snapshot says how the run ended. */
  readonly state: 'running' | 'complete' | 'error' | 'unsubscribed';
  /** Batches and events handed to the consumer. */
  readonly batches: number;
  readonly events: number;
  /** Batches and events waiting now, and the most that ever waited. */
  readonly queuedBatches: number;
  readonly queuedEvents: number;
  readonly maxQueuedBatches: number;
  readonly maxQueuedEvents: number;
  /** Times the valve was closed (lossless). */
  readonly pauses: number;
  /** `queueFullBatches` / `queueFullEvents` (dropOldest), `unconsumedBatches` / `unconsumedEvents` left at an error or unsubscription. */
  readonly dropped: Readonly<Record<string, number>>;
}
