import { type Observable, config } from 'rxjs';

/** A callback that always throws this error. */
export class Boom extends Error {
  override readonly name = 'Boom';
}
export const boom = (): never => {
  throw new Boom('callback failed');
};

/**
 * Subscribes and collects what `src` gives (values, then its error or completion), and every
 * error RxJS would otherwise throw on a new stack (its unhandled-error path) meanwhile; waits a
 * macrotask after the end, as RxJS reports those on a timer. A stream that neither errors nor
 * completes within `timeoutMs` resolves with `hung: true`.
 */
export async function settleWatching<T>(src: Observable<T>, timeoutMs = 2_000): Promise<{ values: T[]; error?: unknown; completed: boolean; hung: boolean; uncaught: unknown[] }> {
  const uncaught: unknown[] = [];
  const saved = config.onUnhandledError;
  config.onUnhandledError = (e) => uncaught.push(e);
  const values: T[] = [];
  let error: unknown;
  let completed = false;
  const ended = await new Promise<boolean>((done) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    const stop = (): void => { clearTimeout(timer); done(true); };
    src.subscribe({ next: (v) => values.push(v), error: (e: unknown) => { error = e; stop(); }, complete: () => { completed = true; stop(); } });
  });
  await new Promise((r) => setTimeout(r, 10));
  config.onUnhandledError = saved;
  return { values, ...(error === undefined ? {} : { error }), completed, hung: !ended, uncaught };
}
