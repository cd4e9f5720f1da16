import type { Subscriber } from 'rxjs';

/** Connection state of a socket source (AEDAT 4.0 TCP client, msgpack feed), reported through `onState`. */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'closed';

/** Exponential backoff between reconnection attempts: initial·2^(k−1) ms for the k-th, capped. */
export interface ReconnectOptions {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Consecutive failed attempts tolerated before the source errors (`Infinity`: never gives up). */
  readonly maxRetries: number;
}

/**
 * Delay before reconnection attempt `attempt` (1 = the first retry): initialDelayMs·2^(attempt−1),
 * capped at maxDelayMs.
 * @example backoffDelayMs({ initialDelayMs: 100, maxDelayMs: 1000, maxRetries: 5 }, 3) // 400
 */
export function backoffDelayMs(o: ReconnectOptions, attempt: number): number {
  return Math.min(o.maxDelayMs, o.initialDelayMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Ends a socket source's subscriber after its last callbacks: nothing when unsubscribed, the run's
 * error, else the error a final callback threw, else completion.
 */
export function settleRun(sub: Subscriber<unknown>, state: 'complete' | 'error' | 'unsubscribed', err: unknown, thrown: unknown): void {
  if (state === 'unsubscribed') return;
  if (state === 'error') sub.error(err);
  else if (thrown !== undefined) sub.error(thrown);
  else sub.complete();
}

/**
 * Runs a user callback and returns what it threw (undefined if nothing), so a source can end its
 * stream with that error instead of letting it escape into a socket handler.
 */
export function callSafely(f: () => void): unknown {
  try {
    f();
    return undefined;
  } catch (e) {
    return e ?? new Error('callback threw');
  }
}
