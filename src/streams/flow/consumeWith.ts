import { Observable, type ObservableInput, type OperatorFunction, type Subscription, from } from 'rxjs';
import type { EventBatch } from '../../events/EventBatch.js';
import { ConfigError } from '../../errors.js';
import { callSafely } from '../safeCallback.js';
import { settleRun } from '../settleRun.js';
import { BatchQueue } from './BatchQueue.js';
import { FlowOverflowError } from './FlowOverflowError.js';
import type { FlowMetrics } from './FlowMetrics.js';
import type { FlowPolicy } from './FlowPolicy.js';
import { addCount } from '../../addCount.js';

type Counts = { -readonly [K in keyof FlowMetrics]: FlowMetrics[K] } & { dropped: Record<string, number> };

/**
 * `concatMap` with an explicit, bounded queue: runs `project` on one batch at a time (a slow
 * async consumer, e.g. inference) while later batches wait in a queue governed by `policy`
 * ({@link FlowPolicy}): `lossless` closes the policy's valve at its high-water mark so the
 * producer pauses; `dropOldest` sheds the oldest waiting batches. Every drop is counted and
 * reported through `onMetrics` (a snapshot at each drop and one at the end); an exception thrown
 * there goes downstream as the error (an earlier error of the run wins).
 *
 * ```
 * dropOldest maxBatches 1, slow project:  source a-b-c-d|   project runs a, then d (b, c dropped)
 * ```
 *
 * @throws ConfigError at call time on non-positive bounds.
 * @example
 * tcp$.pipe(consumeWith((b) => infer(b), { kind: 'dropOldest', maxBatches: 4 }, (m) => log(m.dropped)))
 */
export function consumeWith<R>(
  project: (batch: EventBatch) => ObservableInput<R>,
  policy: FlowPolicy,
  onMetrics?: (m: FlowMetrics) => void,
): OperatorFunction<EventBatch, R> {
  const limits = checkedLimits(policy);
  return (source) => new Observable<R>((sub) => {
    const queue = new BatchQueue();
    const m: Counts = {
      policy: policy.kind, state: 'running', batches: 0, events: 0, queuedBatches: 0, queuedEvents: 0,
      maxQueuedBatches: 0, maxQueuedEvents: 0, pauses: 0, dropped: {},
    };
    let active: Subscription | null = null;
    let sourceDone = false;
    let draining = false;
    let ended = false;

    /** Hands a snapshot to `onMetrics`; returns what it threw. */
    const report = (state: FlowMetrics['state']): unknown => {
      m.state = state;
      m.queuedBatches = queue.length;
      m.queuedEvents = queue.events;
      return callSafely(() => onMetrics?.({ ...m, dropped: { ...m.dropped } }));
    };
    const end = (state: 'complete' | 'error' | 'unsubscribed', err?: unknown): void => {
      if (ended) return;
      ended = true;
      if (queue.length > 0) {
        addCount(m.dropped, 'unconsumedBatches', queue.length);
        addCount(m.dropped, 'unconsumedEvents', queue.events);
      }
      const thrown = report(state);
      queue.clear();
      if (policy.kind === 'lossless') policy.valve.open();
      settleRun(sub, state, err, thrown);
    };

    /** Applies the policy after a push; false when the run failed. */
    const enforce = (): boolean => {
      if (policy.kind === 'dropOldest') {
        let batches = 0;
        let events = 0;
        while (queue.length > limits.maxBatches || queue.events > limits.maxEvents) {
          events += queue.shift()!.t.length;
          batches++;
        }
        if (batches > 0) {
          addCount(m.dropped, 'queueFullBatches', batches);
          addCount(m.dropped, 'queueFullEvents', events);
          const thrown = report('running');
          if (thrown !== undefined) {
            end('error', thrown);
            return false;
          }
        }
      } else if (queue.length > limits.maxBatches) {
        end('error', new FlowOverflowError(limits.maxBatches));
        return false;
      } else if (queue.length >= limits.highWater && policy.valve.isOpen) {
        m.pauses++;
        policy.valve.close();
      }
      m.maxQueuedBatches = Math.max(m.maxQueuedBatches, queue.length);
      m.maxQueuedEvents = Math.max(m.maxQueuedEvents, queue.events);
      return true;
    };

    /** Starts the next batch when idle; trampolined so synchronous projects do not recurse. */
    const drain = (): void => {
      if (draining) return;
      draining = true;
      while (!ended && active === null) {
        const b = queue.shift();
        if (b === undefined) {
          if (sourceDone) end('complete');
          break;
        }
        if (policy.kind === 'lossless' && !policy.valve.isOpen && queue.length <= limits.highWater / 2) policy.valve.open();
        m.batches++;
        m.events += b.t.length;
        let sync = true;
        let finished = false;
        const inner = from(project(b)).subscribe({
          next: (r) => sub.next(r),
          error: (e) => end('error', e),
          complete: () => {
            finished = true;
            if (!sync) { active = null; drain(); }
          },
        });
        sync = false;
        if (!finished) active = inner;
      }
      draining = false;
    };

    const upstream = source.subscribe({
      next: (b) => {
        if (ended) return;
        queue.push(b);
        if (enforce()) drain();
      },
      error: (e) => end('error', e),
      complete: () => { sourceDone = true; drain(); },
    });
    return () => {
      upstream.unsubscribe();
      active?.unsubscribe();
      end('unsubscribed');
    };
  });
}

function checkedLimits(p: FlowPolicy): { maxBatches: number; maxEvents: number; highWater: number } {
  const pos = (v: number, what: string) => {
    if (!(Number.isInteger(v) && v >= 1) && v !== Infinity) throw new ConfigError(`flow: ${what} must be an integer >= 1, got ${v}`);
    return v;
  };
  if (p.kind === 'dropOldest') {
    return { maxBatches: pos(p.maxBatches, 'maxBatches'), maxEvents: pos(p.maxEvents ?? Infinity, 'maxEvents'), highWater: Infinity };
  }
  const highWater = pos(p.highWaterBatches ?? 8, 'highWaterBatches');
  const maxBatches = pos(p.maxBatches ?? 1024, 'maxBatches');
  if (maxBatches < highWater) throw new ConfigError(`flow: maxBatches (${maxBatches}) must be >= highWaterBatches (${highWater})`);
  return { maxBatches, maxEvents: Infinity, highWater };
}
