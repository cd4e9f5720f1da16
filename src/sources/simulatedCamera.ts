import { Observable, type SchedulerAction, type SchedulerLike, type Subscriber, asyncScheduler } from 'rxjs';
import type { EventBatch } from '../events/EventBatch.js';
import { ConfigError } from '../errors.js';
import { MetricsCounter } from './MetricsCounter.js';
import type { Pacing } from './Pacing.js';
import type { Rng } from '../events/Rng.js';
import { SimScene, type SimSceneConfig } from './SimScene.js';
import type { SimShape } from './SimShape.js';
import type { SourceMetrics } from './SourceMetrics.js';
import { defaultScene } from './defaultScene.js';
import { seededRng } from '../events/seededRng.js';
import { shapeMask } from './shapeMask.js';
import { settleRun } from '../streams/settleRun.js';
import { addCount } from '../addCount.js';

/** Options of {@link simulatedCamera}. Times in µs, rates in Hz, intensities relative. */
export interface SimulatedCameraOptions {
  /** Sensor width in pixels (integer 1–65535). */
  readonly width: number;
  readonly height: number;
  /** Simulated time; `Infinity` only when paced (then it runs until unsubscribed). */
  readonly durationUs: number;
  /** Time step (default 1,000 µs): one batch per step that has events. */
  readonly stepUs?: number;
  /** Default {@link defaultScene} for the sensor. */
  readonly shapes?: readonly SimShape[];
  /** Background intensity (default 1), against shapes' `brightness`. */
  readonly background?: number;
  /** Contrast threshold in ln-intensity units (default 0.2). */
  readonly thresholdLog?: number;
  /** Background-activity noise per pixel (default 0 Hz): Poisson, uniform over pixels and polarity. */
  readonly noiseHzPerPixel?: number;
  /** Seed of the default {@link seededRng} (default 0). Ignored when `rng` is given. */
  readonly seed?: number;
  /** Makes the Rng of each subscription (so every subscription replays the same events). */
  readonly rng?: () => Rng;
  /** Default `'max'` (needs a finite duration): all steps synchronously, stopping on unsubscribe. */
  readonly pace?: Pacing;
  /** Events kept per step (default 2^20); the rest is shed and counted in `dropped.stepOverflowEvents`. */
  readonly maxEventsPerStep?: number;
  /** Receives a metrics snapshot when a step sheds events and when the run ends. */
  readonly onMetrics?: (m: SourceMetrics) => void;
}

/**
 * A simulated DVS: moving shapes over a `width` × `height` sensor emit ON/OFF events where the log
 * intensity changes by a threshold (see {@link SimScene}), plus uniform noise; one batch per
 * `stepUs` step (steps without events emit nothing), step k (k = 1 … ceil(duration/stepUs))
 * stamped k·stepUs. Deterministic for a seed; each subscription starts afresh. Paced, step k is
 * emitted at k·stepUs / 1000 / speed ms on the scheduler after subscription.
 *
 * ```
 * pace {speed: 1}, stepUs 10_000, duration 30 ms:  ---------- a 9ms b 9ms (c|)
 * ```
 *
 * @throws ConfigError at call time on invalid options (sizes, rates, an infinite run at max speed).
 * @example
 * simulatedCamera({ width: 34, height: 34, durationUs: 300_000, noiseHzPerPixel: 1, seed: 7 })
 *   .pipe(windowEvents({ by: 'time', windowUs: 10_000 }), toFrames({ width: 34, height: 34 }))
 */
export function simulatedCamera(o: SimulatedCameraOptions): Observable<EventBatch> {
  const config = resolve(o);
  const steps = Math.ceil(o.durationUs / config.stepUs);
  return new Observable<EventBatch>((sub) => {
    const scene = new SimScene(config, o.rng ? o.rng() : seededRng(o.seed ?? 0));
    const m = new MetricsCounter('simulatedCamera', o.onMetrics);
    let ended = false;
    const step = (k: number): boolean => {
      const { batch, dropped } = scene.step(k);
      m.passes = k;
      if (batch) { m.batches++; m.events += batch.t.length; sub.next(batch); }
      if (dropped > 0) {
        addCount(m.dropped, 'stepOverflowEvents', dropped);
        const thrown = m.report('running');
        if (thrown !== undefined) { ended = true; sub.error(thrown); return false; }
      }
      if (k < steps) return true;
      ended = true;
      settleRun(sub, 'complete', undefined, m.report('complete'));
      return false;
    };
    const pace = o.pace ?? 'max';
    const cancel = pace === 'max' ? runAtMaxSpeed(sub, step) : runPaced(pace.scheduler ?? asyncScheduler, config.stepUs / 1000 / pace.speed, step);
    return () => {
      cancel();
      if (!ended) m.report('unsubscribed');
    };
  });
}

function runAtMaxSpeed(sub: Subscriber<EventBatch>, step: (k: number) => boolean): () => void {
  for (let k = 1; !sub.closed && step(k); k++);
  return () => undefined;
}

/** Step k is due at start + k·stepMs (from the start, so delays do not accumulate drift). */
function runPaced(scheduler: SchedulerLike, stepMs: number, step: (k: number) => boolean): () => void {
  const startMs = scheduler.now();
  const s = scheduler.schedule(function (this: SchedulerAction<number>, k?: number) {
    const next = (k ?? 1) + 1;
    if (step(k ?? 1)) this.schedule(next, Math.max(0, startMs + next * stepMs - scheduler.now()));
  }, stepMs, 1);
  return () => s.unsubscribe();
}

function resolve(o: SimulatedCameraOptions): SimSceneConfig {
  const c = {
    width: o.width, height: o.height, stepUs: o.stepUs ?? 1000, shapes: o.shapes ?? defaultScene(o),
    background: o.background ?? 1, thresholdLog: o.thresholdLog ?? 0.2, noiseHzPerPixel: o.noiseHzPerPixel ?? 0,
    maxEventsPerStep: o.maxEventsPerStep ?? 1 << 20,
  };
  const need = (ok: boolean, what: string, v: unknown): void => {
    if (!ok) throw new ConfigError(`simulatedCamera: ${what}, got ${String(v)}`);
  };
  const size = (v: number): boolean => Number.isInteger(v) && v >= 1 && v <= 65_535;
  need(size(c.width) && size(c.height), 'width and height must be integers in 1-65535', `${c.width}x${c.height}`);
  need(c.stepUs > 0 && Number.isFinite(c.stepUs), 'stepUs must be finite and > 0', c.stepUs);
  need(o.durationUs > 0, 'durationUs must be > 0', o.durationUs);
  need(Number.isFinite(o.durationUs) || o.pace !== undefined && o.pace !== 'max', 'an infinite duration needs pacing', o.durationUs);
  need(c.background > 0 && c.shapes.every((s) => (s.brightness ?? 1) > 0), 'intensities must be > 0', c.background);
  need(c.thresholdLog > 0, 'thresholdLog must be > 0', c.thresholdLog);
  need(c.noiseHzPerPixel >= 0 && Number.isFinite(c.noiseHzPerPixel), 'noiseHzPerPixel must be finite and >= 0', c.noiseHzPerPixel);
  need(Number.isInteger(c.maxEventsPerStep) && c.maxEventsPerStep >= 0, 'maxEventsPerStep must be an integer >= 0', c.maxEventsPerStep);
  c.shapes.forEach((s) => shapeMask(s, c)); // throws ConfigError now, not at subscription
  need(o.pace === undefined || o.pace === 'max' || (o.pace.speed > 0 && Number.isFinite(o.pace.speed)), 'pace.speed must be finite and > 0', o.pace);
  return c;
}
