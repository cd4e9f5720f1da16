import { Observable } from 'rxjs';
import type { EventBatch } from '../../events/EventBatch.js';
import { eventBatchOf } from '../../wire/eventsCodec.js';
import type { FeedOptions } from './FeedOptions.js';
import { FeedRun } from './FeedRun.js';
import type { FeedTarget } from './FeedTarget.js';
import { checkFeedOptions } from './checkFeedOptions.js';

/**
 * A live event feed in the spikeguard wire format (docs/wire.md) as a stream of
 * {@link EventBatch}es: one per `events` frame, sized by the connection's `hello`. Cold:
 * subscribing connects (`{host, port}`: TCP; `{url}`: WebSocket) or listens for one pushing
 * sender (`{listen: {port}}`). However the stream ends (complete, error, unsubscribe) the socket
 * and, for `listen`, the server are closed: the port is free again and nothing keeps Node alive.
 *
 * - **Ends** on the sender's `end` (complete). A protocol fault — garbage, an oversized length
 *   prefix, a wrong field, no `hello` first, a text WebSocket message — errors with its
 *   `DecodeError` after every good batch before it, and is never retried.
 * - **Lost connections**: without `reconnect`, a close before `end` errors with a
 *   `TruncatedInputError` (a `FeedConnectionError` when the connection failed or was reset);
 *   with it, the source retries after initial·2^(k−1) ms (capped) and errors with a
 *   `FeedConnectionError` after `maxRetries` consecutive failures. `onState` follows
 *   connecting → connected → disconnected → … → closed.
 * - **Counted**: batches, events, bytes, frames, messages by kind (spikes, predictions and audit
 *   records are not in this stream: use {@link feedMessages}), reconnects, decode errors, frames
 *   the sender dropped (`seq` gaps), bytes of frames cut by a lost connection.
 * - **Memory**: at most one partial frame of `maxFrameBytes` is held; batches are views on the
 *   received chunks when their columns are aligned (zero-copy), copies otherwise.
 *
 * @throws ConfigError at call time on invalid targets or options.
 * @example
 * feedSource({ host: '127.0.0.1', port: 7777 }, {
 *   reconnect: { initialDelayMs: 100, maxDelayMs: 5_000, maxRetries: Infinity },
 *   onState: (s) => log(s),
 * }).pipe(windowEvents({ by: 'time', windowUs: 10_000 })).subscribe(infer);
 */
export function feedSource(target: FeedTarget, opts: FeedOptions = {}): Observable<EventBatch> {
  checkFeedOptions(target, opts);
  return new Observable<EventBatch>((sub) => {
    const run = new FeedRun(target, opts, sub, (m, hello) => {
      if (m.kind === 'events') sub.next(eventBatchOf(m, hello));
    });
    run.start();
    return () => run.stop();
  });
}
