import { SpikeguardError } from '../errors.js';

/**
 * A file could not be opened or read (missing, unreadable, a directory). `code` is Node's error
 * code (`ENOENT`, `EACCES`, `EISDIR`, …) when it gave one; `cause` is the original error.
 */
export class FileReadError extends SpikeguardError {
  override readonly name: string = 'FileReadError';
  constructor(
    readonly path: string,
    readonly code: string,
    override readonly cause: Error,
  ) {
    super(`cannot read ${path}: ${code} (${cause.message})`);
  }
}
