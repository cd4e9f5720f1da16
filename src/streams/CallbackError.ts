import { SpikeguardError } from '../errors.js';

/** A user callback threw `undefined` or `null`: this stands in for it, so the throw is never lost. */
export class CallbackError extends SpikeguardError {
  override readonly name: string = 'CallbackError';
}
