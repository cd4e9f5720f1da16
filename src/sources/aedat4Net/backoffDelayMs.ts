import type { ReconnectOptions } from './Aedat4TcpOptions.js';

/**
 * Delay before reconnection attempt `attempt` (1 = the first retry): initialDelayMs·2^(attempt−1),
 * capped at maxDelayMs.
 * @example backoffDelayMs({ initialDelayMs: 100, maxDelayMs: 1000, maxRetries: 5 }, 3) // 400
 */
export function backoffDelayMs(o: ReconnectOptions, attempt: number): number {
  return Math.min(o.maxDelayMs, o.initialDelayMs * 2 ** Math.max(0, attempt - 1));
}
