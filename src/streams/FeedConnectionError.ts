import { SpikeguardError } from '../errors.js';

/**
 * A feed could not be reached, listened on, or was lost, and no (more) reconnection is allowed.
 * `code` is the system error (`ECONNREFUSED`, `ECONNRESET`, `EADDRINUSE`, …) or ws's message.
 */
export class FeedConnectionError extends SpikeguardError {
  override readonly name: string = 'FeedConnectionError';
  constructor(
    readonly target: string,
    readonly code: string,
    readonly attempts: number,
  ) {
    super(`feed ${target}: ${code} after ${attempts} attempt${attempts === 1 ? '' : 's'}`);
  }
}
