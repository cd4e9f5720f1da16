import { EMPTY, type MonoTypeOperatorFunction, catchError, throwError } from 'rxjs';
import { DecodeError, TruncatedInputError } from '../errors.js';
import { ConnectionError } from '../streams/ConnectionError.js';

/**
 * How every command ends on bad input (one policy, implemented here):
 * - a truncated tail (`TruncatedInputError` of a recognised format): every whole event before it
 *   is processed, a warning naming the byte offset goes to stderr, and the command exits 0;
 * - an input that ends before its format could be recognised (empty, a magic cut short) is no
 *   recording with a cut tail but no recording at all: an error, exit 1;
 * - any other fault (a `DecodeError`, a lost or reset connection, …): everything before it is
 *   processed and kept, an error goes to stderr, and the command exits 1.
 */
export interface Ending {
  /** The input fault (bad bytes, a lost or reset connection) that ended the input early, if any. */
  fault?: DecodeError | ConnectionError;
}

/** A truncated tail of a recognised recording (the one fault that is only a warning). */
export function isTruncatedTail(e: unknown): e is TruncatedInputError {
  return e instanceof TruncatedInputError && e.format !== 'auto';
}

/**
 * Ends a stream at its first input fault (a `DecodeError` or a `ConnectionError`) instead of
 * failing it, so that everything downstream finishes normally (the last window is classified,
 * the file is finalised); the fault is kept in `ending` for {@link reportEnding}. With `rethrowFatal`, a fault other than a truncated tail is
 * rethrown after being kept (a server must pass it on to its clients as a fault).
 */
export function untilInputFault<T>(ending: Ending, rethrowFatal = false): MonoTypeOperatorFunction<T> {
  return catchError((e: unknown) => {
    if (!(e instanceof DecodeError || e instanceof ConnectionError)) return throwError(() => e);
    ending.fault = e;
    return rethrowFatal && !isTruncatedTail(e) ? throwError(() => e) : EMPTY;
  });
}

/**
 * Reports how a command's input ended by the policy of {@link Ending}: prints a warning or an
 * error (with `kept`, what was done with the data before it, e.g. "events before it were
 * written") and sets `process.exitCode` to 1 for anything but a truncated tail. No-op without a fault.
 */
export function reportEnding(fault: unknown, kept: string): void {
  if (fault === undefined) return;
  if (isTruncatedTail(fault)) {
    process.stderr.write(`warning: ${fault.message} (a truncated tail; ${kept})\n`);
    return;
  }
  const message = fault instanceof Error ? fault.message : String(fault);
  process.stderr.write(`error: ${message} (${kept})\n`);
  process.exitCode = 1;
}
