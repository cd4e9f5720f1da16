import { asyncScheduler, Observable, type OperatorFunction } from 'rxjs';
import type { SnnModel } from '../../snn/index.js';
import type { SpikeFrame } from '../../transforms/index.js';
import { checkMonitorOptions, type MonitorOptions } from './MonitorOptions.js';
import type { MonitorRecord } from './MonitorRecord.js';
import { MonitorRun } from './MonitorRun.js';

/**
 * The online robustness monitor: for every k-th spike frame (window) it estimates the smallest ε
 * at which PGD flips the model's prediction (bisection on [0, epsMax]), the random flip rate at
 * that ε and the margin, and emits one {@link MonitorRecord} per measured window.
 *
 * It measures the window in isolation: a standalone sample `[T, 1, H, W, C]` with fresh state
 * (membranes at 0) and BN in inference mode, attacked toward a change of the model's own
 * prediction on it (no true label exists online). A streaming classifier carries membranes from
 * window to window, so its label may differ from the record's. The window is first projected
 * onto `o.domain` (count frames clamped to [0, 1] for `unit`, rounded to 0/1 for `binary`), and
 * ε is in that domain's units. A collapsed run of empty windows
 * (`windows` > 1) is one all-zero frame and counts as one window here.
 *
 * It never stalls the stream: a frame only has its data copied; the work runs later on
 * `o.scheduler`, one probe (a PGD run of `steps` gradient passes) per task, so other work
 * (predictions, socket reads) runs between probes — tfjs is synchronous on one thread, so one
 * probe is the longest the event loop waits (~90–250 ms for csnn-nmnist on wasm, test/bench/monitor.ts;
 * fewer `steps` shorten it). At most one record is in progress: a sampled window
 * arriving meanwhile is skipped and counted in the next record's `skipped`. Memory is bounded by
 * one copied window. On completion the record in progress is finished (bounded by its budget)
 * before the output completes; on error or unsubscribe it is abandoned and its tensors freed.
 *
 * Ownership: the model is read, never changed or disposed; every tensor made is disposed.
 * @throws ConfigError at call time for invalid options; an attack's error is an error notification.
 * @example
 * frames$.pipe(monitorRobustness(model, { every: 10, budgetMs: 200, epsMax: 0.5, tolerance: 0.02,
 *   steps: 5, draws: 16, norm: 'linf', gradient: PRESETS.paper[0]!, domain: { kind: 'unit' }, seed: 0 }))
 */
export function monitorRobustness(model: SnnModel, o: MonitorOptions): OperatorFunction<SpikeFrame, MonitorRecord> {
  checkMonitorOptions(o);
  const scheduler = o.scheduler ?? asyncScheduler;
  return (frames$) => new Observable<MonitorRecord>((subscriber) => {
    const run = new MonitorRun(model, o, scheduler, subscriber); // fresh per subscriber
    const inner = frames$.subscribe({
      next: (f) => run.offer(f),
      error: (err: unknown) => subscriber.error(err),
      complete: () => run.end(),
    });
    return () => {
      inner.unsubscribe();
      run.release();
    };
  });
}
