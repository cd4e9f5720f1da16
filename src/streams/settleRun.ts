import type { Subscriber } from 'rxjs';

/**
 * Ends a source's or operator's subscriber after its last callbacks: nothing when unsubscribed
 * (no one listens), the run's own error, else the error a final callback threw (`thrown`, from
 * {@link callSafely}), else completion.
 * @example
 * settleRun(sub, state, err, callSafely(() => o.onMetrics?.(snapshot(state))));
 */
export function settleRun(sub: Pick<Subscriber<never>, 'error' | 'complete'>, state: 'complete' | 'error' | 'unsubscribed', err: unknown, thrown: unknown): void {
  if (state === 'unsubscribed') return;
  if (state === 'error') sub.error(err);
  else if (thrown !== undefined) sub.error(thrown);
  else sub.complete();
}
