import type { WireKind } from '../../wire/WireMessage.js';
import type { FeedMetrics } from './FeedOptions.js';

/** The mutable counters behind {@link FeedMetrics}, one per subscription. */
export class FeedCounts {
  batches = 0;
  events = 0;
  connections = 0;
  failures = 0;
  reconnects = 0;
  chunksRead = 0;
  bytesRead = 0;
  frames = 0;
  decodeErrors = 0;
  missedFrames = 0;
  readonly messages: Partial<Record<WireKind, number>> = {};
  readonly dropped: Record<string, number> = {};

  /** An immutable snapshot. */
  snapshot(state: FeedMetrics['state']): FeedMetrics {
    return {
      source: 'feed', state, batches: this.batches, events: this.events, connections: this.connections,
      failures: this.failures, reconnects: this.reconnects, chunksRead: this.chunksRead, bytesRead: this.bytesRead,
      frames: this.frames, messages: { ...this.messages }, decodeErrors: this.decodeErrors,
      missedFrames: this.missedFrames, dropped: { ...this.dropped },
    };
  }
}
