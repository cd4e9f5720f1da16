import type { SchedulerLike } from 'rxjs';

/**
 * How a source paces its batches: `'max'` delivers as fast as the consumer takes them; `paced`
 * delivers each batch when the scheduler's clock reaches the event time of its last event,
 * scaled by `speed` (1 = real time, 2 = twice as fast): due = start + (t − t₀) / 1000 / speed ms,
 * t₀ the first event's time, start the scheduler's `now()` at subscription. `scheduler`
 * defaults to RxJS's `asyncScheduler`; tests inject a `TestScheduler` / `VirtualTimeScheduler`.
 */
export type Pacing =
  | 'max'
  | { readonly speed: number; readonly scheduler?: SchedulerLike };
