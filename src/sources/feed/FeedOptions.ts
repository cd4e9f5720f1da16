import type { SchedulerLike } from 'rxjs';
import type { WireKind } from '../../wire/WireMessage.js';
import type { ConnectionState, ReconnectOptions } from '../reconnect.js';


/** Options of {@link feedSource} and {@link feedMessages}. */
export interface FeedOptions {
  /**
   * Client targets only. Absent: one connection. Present: a connection lost before `end` (or
   * refused) is retried; a hello resets the count of consecutive failures.
   */
  readonly reconnect?: ReconnectOptions;
  /** State changes; for a `listen` target, `connecting` means listening for a sender. */
  readonly onState?: (state: ConnectionState) => void;
  /** Receives a snapshot at each disconnection and when the run ends. */
  readonly onMetrics?: (m: FeedMetrics) => void;
  /** `listen` targets: the address bound (port 0 becomes the ephemeral port chosen). */
  readonly onListening?: (address: { host: string; port: number }) => void;
  /** Largest frame body accepted (default 64 MiB); larger length prefixes are protocol errors. */
  readonly maxFrameBytes?: number;
  /** Scheduler of the backoff timers (default `asyncScheduler`). */
  readonly scheduler?: SchedulerLike;
}

/** Counts of one subscription to a feed, in the conventions of `SourceMetrics`. */
export interface FeedMetrics {
  readonly source: 'feed';
  readonly state: 'running' | 'complete' | 'error' | 'unsubscribed';
  /** `events` messages received, and the events in them. */
  readonly batches: number;
  readonly events: number;
  /** Connections established (the first and every reconnection; senders accepted when listening). */
  readonly connections: number;
  /** Connection attempts refused, and connections lost before `end`. */
  readonly failures: number;
  /** Reconnection attempts scheduled. */
  readonly reconnects: number;
  readonly chunksRead: number;
  readonly bytesRead: number;
  /** Whole frames decoded. */
  readonly frames: number;
  /** Messages received by kind (non-event kinds are not in {@link feedSource}'s stream). */
  readonly messages: Readonly<Partial<Record<WireKind, number>>>;
  /** Protocol faults (DecodeErrors other than a cut tail); each ends the run. */
  readonly decodeErrors: number;
  /** Events frames the sender numbered but that never arrived (gaps in `seq`; the sender dropped them). */
  readonly missedFrames: number;
  /**
   * `truncatedBytes`: bytes of a frame cut off by a lost connection; `rejectedSenders`: connections
   * refused while listening because a sender was already connected.
   */
  readonly dropped: Readonly<Record<string, number>>;
}
