import { callSafely } from '../streams/safeCallback.js';
import type { SourceMetrics } from './SourceMetrics.js';
import { addCount } from '../addCount.js';

/**
 * The mutable counters behind {@link SourceMetrics}, one per subscription; `report` hands a
 * snapshot to the user's callback (an exception thrown there is returned, for the caller to send
 * downstream: callbacks never throw through a source).
 */
export class MetricsCounter {
  batches = 0;
  events = 0;
  passes = 0;
  chunksRead = 0;
  bytesRead = 0;
  maxLagMs = 0;
  readonly skipped: Record<string, number> = {};
  readonly dropped: Record<string, number> = {};
  readonly side = { frames: 0, imu: 0, triggers: 0 };

  constructor(
    private readonly source: SourceMetrics['source'],
    private readonly onMetrics: ((m: SourceMetrics) => void) | undefined,
  ) {}

  /** A snapshot; `liveSkipped` (the current decoder's counts) is added to the finished passes'. */
  snapshot(state: SourceMetrics['state'], liveSkipped: Readonly<Record<string, number>> = {}): SourceMetrics {
    const skipped = { ...this.skipped };
    for (const [k, v] of Object.entries(liveSkipped)) addCount(skipped, k, v);
    return {
      source: this.source, state, batches: this.batches, events: this.events, passes: this.passes,
      chunksRead: this.chunksRead, bytesRead: this.bytesRead, skipped, dropped: { ...this.dropped },
      side: { ...this.side }, maxLagMs: this.maxLagMs,
    };
  }

  /** Calls the callback (if any) with a snapshot; returns what it threw, else undefined. */
  report(state: SourceMetrics['state'], liveSkipped?: Readonly<Record<string, number>>): unknown {
    const onMetrics = this.onMetrics;
    return onMetrics === undefined ? undefined : callSafely(() => onMetrics(this.snapshot(state, liveSkipped)));
  }
}
