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
