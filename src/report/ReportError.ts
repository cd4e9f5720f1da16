import { SpikeguardError } from '../errors.js';

/** A report could not be written as promised (e.g. a value that plain JSON cannot hold). */
export class ReportError extends SpikeguardError {
  override readonly name: string = 'ReportError';
}
