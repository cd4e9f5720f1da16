import { Observable } from 'rxjs';
import type { WireMessage } from '../../wire/WireMessage.js';
import type { FeedOptions } from './FeedOptions.js';
import { FeedRun } from './FeedRun.js';
import type { FeedTarget } from './FeedTarget.js';
import { checkFeedOptions } from './checkFeedOptions.js';

/**
 * Every message of a feed in the wire format (docs/wire.md), `hello` and `end` included: the
 * lower level of {@link feedSource}, for consumers of spike tensors, predictions, audit records
 * or the `sentAtMs` stamps. Subscribing connects (or listens); unsubscribing closes the socket.
 * Completes after `end`; see {@link feedSource} for errors, reconnection and metrics.
 *
 * @throws ConfigError at call time on invalid targets or options.
 * @example
 * feedMessages({ url: 'ws://127.0.0.1:9001' }).pipe(filter((m) => m.kind === 'prediction'))
 */
export function feedMessages(target: FeedTarget, opts: FeedOptions = {}): Observable<WireMessage> {
  checkFeedOptions(target, opts);
  return new Observable<WireMessage>((sub) => {
    const run = new FeedRun(target, opts, sub, (m) => sub.next(m));
    run.start();
    return () => run.stop();
  });
}
