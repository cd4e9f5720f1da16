import type { SchedulerLike, Subscriber, Subscription } from 'rxjs';
import type { SnnModel } from '../../snn/index.js';
import type { SpikeFrame } from '../../transforms/index.js';
import { measureWindow, type WindowMeasure } from './measureWindow.js';
import type { MonitorOptions } from './MonitorOptions.js';
import type { MonitorRecord } from './MonitorRecord.js';

/** The record in progress: its window, its remaining steps and the task that runs the next one. */
interface Job {
  readonly frame: Pick<SpikeFrame, 'index' | 'startUs' | 'endUs'>;
  readonly arrivedMs: number;
  readonly steps: Iterator<void, WindowMeasure, void>;
  task: Subscription | null;
}

/**
 * The state of one subscription to `monitorRobustness`: which frames are sampled, the one record
 * in progress (run a step per scheduler task) and the skips since the last record. Records,
 * errors and completion go to `out`. `release()` abandons the record in progress and frees it.
 */
export class MonitorRun {
  private seen = 0;
  private skipped = 0;
  private job: Job | null = null;
  private sourceDone = false;

  constructor(
    private readonly model: SnnModel,
    private readonly o: MonitorOptions,
    private readonly scheduler: SchedulerLike,
    private readonly out: Subscriber<MonitorRecord>,
  ) {}

  /** A frame of the stream: sampled every k-th; copied and queued if idle, else counted as skipped. */
  offer(f: SpikeFrame): void {
    if (this.seen++ % this.o.every !== 0) return;
    if (this.job !== null) {
      this.skipped += 1;
      return;
    }
    const steps = measureWindow(this.model, { data: f.data.slice(), shape: f.shape }, this.o, () => this.scheduler.now());
    this.job = { frame: { index: f.index, startUs: f.startUs, endUs: f.endUs }, arrivedMs: this.scheduler.now(), steps, task: null };
    this.job.task = this.scheduler.schedule(this.runStep);
  }

  /** The source completed: complete now if idle, else after the record in progress. */
  end(): void {
    this.sourceDone = true;
    this.completeIfIdle();
  }

  /** Cancels the next step and frees the record in progress (its generator's `finally`). */
  release(): void {
    this.job?.task?.unsubscribe();
    this.job?.steps.return?.();
    this.job = null;
  }

  private completeIfIdle(): void {
    if (this.sourceDone && this.job === null) this.out.complete();
  }

  /** One step of the record in progress; an arrow: the scheduler calls it with its action as `this`. */
  private readonly runStep = (): void => {
    const j = this.job;
    if (j === null) return;
    let r: IteratorResult<void, WindowMeasure>;
    try {
      r = j.steps.next();
    } catch (err) {
      this.job = null;
      this.out.error(err);
      return;
    }
    if (!r.done) {
      j.task = this.scheduler.schedule(this.runStep);
      return;
    }
    this.job = null;
    const record: MonitorRecord = {
      window: j.frame.index, startUs: j.frame.startUs, endUs: j.frame.endUs, ...r.value,
      skipped: this.skipped, elapsedMs: this.scheduler.now() - j.arrivedMs,
    };
    this.skipped = 0;
    this.out.next(record);
    this.completeIfIdle();
  };
}
