import { SpikeguardError } from '../errors.js';

/**
 * The AEDAT 4.0 server could not be reached or was lost, and no (more) reconnection is allowed.
 * `code` is the system error (`ECONNREFUSED`, `ECONNRESET`, …) or `closed` for an orderly close.
 */
export class ConnectionError extends SpikeguardError {
  override readonly name: string = 'ConnectionError';
  constructor(
    readonly host: string,
    readonly port: number,
    readonly code: string,
    readonly attempts: number,
  ) {
    super(`aedat4 tcp ${host}:${port}: ${code} after ${attempts} attempt${attempts === 1 ? '' : 's'}`);
  }
}
