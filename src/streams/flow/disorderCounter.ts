import { Observable, type MonoTypeOperatorFunction } from 'rxjs';
import type { EventBatch } from '../../events/EventBatch.js';
import { ConfigError } from '../../errors.js';
import { callSafely, safeCallback } from '../safeCallback.js';
import { settleRun } from '../settleRun.js';
import { type DisorderCounts, countDisorder, initialDisorderState } from './countDisorder.js';

/**
 * Passes batches through unchanged while counting out-of-order, late (more than `lateAfterUs`
 * behind the newest event) and duplicate events ({@link countDisorder}); `onCounts` receives a
 * snapshot after every batch that added to the counts, and once at the end. An exception thrown by
 * `onCounts` goes downstream as the error (on an upstream error, that error wins).
 * @throws ConfigError at call time when `lateAfterUs` is negative.
 * @example
 * tcp$.pipe(disorderCounter(1000, (c) => metrics.disorder = c))
 */
export function disorderCounter(lateAfterUs: number, onCounts: (c: Readonly<DisorderCounts>) => void): MonoTypeOperatorFunction<EventBatch> {
  if (!(lateAfterUs >= 0)) throw new ConfigError(`lateAfterUs must be >= 0, got ${lateAfterUs}`);
  return (source) => new Observable<EventBatch>((sub) => {
    const state = initialDisorderState();
    const counts: DisorderCounts = { outOfOrder: 0, late: 0, duplicate: 0 };
    const total = () => counts.outOfOrder + counts.late + counts.duplicate;
    const report = safeCallback(sub, onCounts);
    const last = (end: 'complete' | 'error', e?: unknown): void =>
      settleRun(sub, end, e, callSafely(() => onCounts({ ...counts })));
    const inner = source.subscribe({
      next: (b) => {
        const before = total();
        countDisorder(b, state, counts, lateAfterUs);
        if (total() !== before && !report({ ...counts })) return;
        sub.next(b);
      },
      error: (e: unknown) => last('error', e),
      complete: () => last('complete'),
    });
    return () => inner.unsubscribe();
  });
}
