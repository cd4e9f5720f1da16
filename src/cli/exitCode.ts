import { CommanderError } from 'commander';
import { ConfigError, SpikeguardError } from '../errors.js';
import { FileReadError } from '../sources/FileReadError.js';
import { isSystemError } from './isSystemError.js';

/** Exit code of a user error: a wrong option, value, path or config (fix the command and rerun). */
export const EXIT_USAGE = 2;
/** Exit code of a fault: damaged input, a lost connection, a backend failure, a bug. */
export const EXIT_FAULT = 1;

/** OS error codes that mean the user named a path that cannot be used as given. */
const USER_PATH_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EEXIST', 'ENAMETOOLONG', 'ELOOP']);

/**
 * How a failed command exits: 0 for help and version (commander ends them by throwing),
 * {@link EXIT_USAGE} for user errors (commander's usage errors, ConfigError, a path that does not
 * exist or cannot be read), {@link EXIT_FAULT} for everything else.
 */
export function exitCodeOf(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_USAGE;
  if (err instanceof ConfigError) return EXIT_USAGE;
  if (err instanceof FileReadError) return USER_PATH_CODES.has(err.code) ? EXIT_USAGE : EXIT_FAULT;
  if (isSystemError(err)) return USER_PATH_CODES.has(err.code ?? '') ? EXIT_USAGE : EXIT_FAULT;
  return EXIT_FAULT;
}

/** Whether the error is reported as one line (no stack trace): everything spikeguard or the OS raises. */
export function isReportable(err: unknown): err is Error {
  return err instanceof SpikeguardError || isSystemError(err);
}
