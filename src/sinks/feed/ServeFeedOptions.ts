import type { FeedEncoderOptions } from './FeedEncoder.js';
import type { PeerBounds, PeerMetrics } from './FramePeer.js';

/** Default bound of a client's send queue (16 MiB) and of its bytes in flight (1 MiB). */
export const DEFAULT_PEER_BOUNDS: PeerBounds = { maxQueueBytes: 16 * 1024 * 1024, maxInflightBytes: 1024 * 1024 };

/** Options of {@link serveFeed}. */
export interface ServeFeedOptions extends FeedEncoderOptions, Partial<PeerBounds> {
  /** Port to listen on; 0 picks an ephemeral one (see `FeedServer.port`). */
  readonly port: number;
  /** Default `'127.0.0.1'` (loopback only: pass `'0.0.0.0'` to serve the network). */
  readonly host?: string;
  /** Default `'tcp'`: the length-prefixed stream; `'ws'`: one frame per binary message. */
  readonly transport?: 'tcp' | 'ws';
  /** The source is subscribed once this many clients are connected (default 1; 0: at once). */
  readonly minClients?: number;
}

/** Counts of a feed server. */
export interface ServeFeedMetrics {
  /** `waiting` for `minClients`; `serving`; then how it ended. */
  readonly state: 'waiting' | 'serving' | 'complete' | 'error' | 'closed';
  /** Batches and events taken from the source. */
  readonly batches: number;
  readonly events: number;
  /** Events frames encoded, and those encoded while no client was connected (sent to no one). */
  readonly frames: number;
  readonly framesWithoutClients: number;
  readonly clientsAccepted: number;
  /** Clients connected now. */
  readonly clients: readonly PeerMetrics[];
  /** Frames dropped for slow clients, summed over all clients (those gone included). */
  readonly dropped: { readonly frames: number; readonly events: number; readonly bytes: number };
}

/** A running feed server. */
export interface FeedServer {
  readonly host: string;
  /** The port bound (the ephemeral one when asked for 0). */
  readonly port: number;
  readonly transport: 'tcp' | 'ws';
  /** `tcp://host:port` or `ws://host:port`. */
  readonly url: string;
  metrics(): ServeFeedMetrics;
  /**
   * Settles when the feed ended: resolves once the source completed and every client received
   * `end` and closed (or after `close`); rejects with the source's error (or a ConfigError for a
   * batch of another sensor size), after closing every client without `end`.
   */
  readonly done: Promise<ServeFeedMetrics>;
  /** Unsubscribes the source, closes every client without `end` and stops listening. */
  close(): Promise<ServeFeedMetrics>;
}
