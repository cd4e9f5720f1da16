import type { Subscriber } from 'rxjs';
import { CallbackError } from './CallbackError.js';

/**
 * Runs a user callback and returns what it threw (undefined when it returned), so a source or an
 * operator can end its stream with that error instead of letting it escape into a socket handler,
 * a timer or RxJS's unhandled-error path (a new stack). A thrown `undefined` or `null` comes back
 * as a {@link CallbackError}.
 * @example
 * const thrown = callSafely(() => o.onMetrics?.(snapshot));
 * if (thrown !== undefined) return end('error', thrown);
 */
export function callSafely(f: () => void): unknown {
  try {
    f();
    return undefined;
  } catch (e) {
    return e ?? new CallbackError(`a callback threw ${String(e)}`);
  }
}

/**
 * Wraps a user callback (`onMetrics`, `onCounts`, …) for a hand-written operator or source: the
 * wrapper calls it and returns true, or, when it throws, sends that error downstream as
 * `subscriber.error` (which tears the subscription down) and returns false, so the caller stops.
 * An absent callback always returns true.
 * @example
 * const report = safeCallback(sub, onMetrics);
 * next: (b) => { sub.next(out); if (!report({ ...counts })) return; }
 */
export function safeCallback<A extends unknown[]>(
  subscriber: Pick<Subscriber<never>, 'error'>,
  fn: ((...args: A) => void) | undefined,
): (...args: A) => boolean {
  return (...args) => {
    if (fn === undefined) return true;
    const thrown = callSafely(() => fn(...args));
    if (thrown === undefined) return true;
    subscriber.error(thrown);
    return false;
  };
}
