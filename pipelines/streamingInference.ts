import * as tf from '@tensorflow/tfjs-core';
import { Observable, type OperatorFunction, map } from 'rxjs';
import { ConfigError } from '../src/errors.js';
import type { EventBatch } from '../src/events/index.js';
import { disposeState, type SnnModel, type StreamState } from '../src/snn/index.js';
import { toFrames, windowEvents, type FrameValues, type SpikeFrame } from '../src/transforms/index.js';

/** The classifier's output for one time window of the stream. */
export interface WindowPrediction {
  readonly startUs: number;
  readonly endUs: number;
  /** Windows this prediction stands for (> 1 for a run of empty windows). */
  readonly windows: number;
  /** Softmax of the window's time-averaged logits, one score per class. */
  readonly scores: number[];
  /** The class with the highest score. */
  readonly label: number;
}

export interface StreamingInferenceOptions {
  /** Window length in µs; edges at multiples of it from t = 0 (absolute time). */
  readonly windowUs: number;
  /** Time steps (frames) per window: the model's T per `step`. */
  readonly bins: number;
  /** Frame cells: event counts (default) or 0/1 spikes, as the model was trained on. */
  readonly values?: FrameValues;
}

/** Empty windows replayed into the membranes at most (a longer silence decays LIF state to ~0 anyway). */
const MAX_SILENT_WINDOWS = 64;

function softmax(logits: Float32Array): number[] {
  const m = Math.max(...logits);
  const e = Array.from(logits, (v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/**
 * The streaming-inference job (DESIGN job 1): event batches → time windows → `[bins, H, W, 2]`
 * frames → the model's stateful `step`, membranes carried from window to window → one prediction
 * per window. A run of empty windows is replayed as silence (at most 64 windows, one window's
 * steps at a time, so memory is that of `bins` steps whatever the silence). The sensor must
 * be the model's input size: crop or downsample upstream (`src/transforms/filters/`).
 * Ownership: the model is read, not disposed; every tensor made here is disposed, including the
 * state when the subscription ends.
 * @throws ConfigError at call time for a model without 2 input channels; as an error notification
 *   when the events' sensor size differs from the model input.
 * @example
 * aedat4TcpSource({ host, port }).pipe(classifyWindows(model, { windowUs: 10_000, bins: 4 }))
 *   .subscribe((p) => console.log(p.label));
 */
export function classifyWindows(model: SnnModel, o: StreamingInferenceOptions): OperatorFunction<EventBatch, WindowPrediction> {
  const frames = windowFrames(model, o);
  const classify = classifyFrames(model, o);
  return (events$) => events$.pipe(frames, classify);
}

/**
 * The first half of {@link classifyWindows}: event batches → time windows → `[bins, H, W, 2]`
 * spike frames at the model's input size (for operators that share the frames, e.g. the monitor).
 * @throws ConfigError at call time for a model without 2 input channels; as an error notification
 *   when the events' sensor size differs from the model input.
 */
export function windowFrames(model: SnnModel, o: StreamingInferenceOptions): OperatorFunction<EventBatch, SpikeFrame> {
  const [height, width, channels] = model.spec.input;
  if (channels !== 2) throw new ConfigError(`classifyWindows: the model takes ${channels} channels, frames have 2 (OFF, ON)`);
  return (events$) => events$.pipe(
    map((b) => {
      if (b.width !== width || b.height !== height) {
        throw new ConfigError(`classifyWindows: events of a ${b.width}×${b.height} sensor, the model takes ${width}×${height} (crop or downsample first)`);
      }
      return b;
    }),
    windowEvents({ by: 'time', windowUs: o.windowUs }),
    toFrames({ width, height, encoding: { kind: 'frames', timeBins: o.bins, values: o.values ?? 'count' } }),
  );
}

/**
 * The second half of {@link classifyWindows}: spike frames → the model's stateful `step` → one
 * prediction per frame. Ownership as {@link classifyWindows}; the state is disposed on teardown.
 */
export function classifyFrames(model: SnnModel, o: Pick<StreamingInferenceOptions, 'bins'>): OperatorFunction<SpikeFrame, WindowPrediction> {
  const [height, width] = model.spec.input;
  return (frames$) => new Observable<WindowPrediction>((subscriber) => {
    let state: StreamState = model.initState(1);
    /** Logits summed over `repeats` runs of the frame, state carried: one window's memory at a time. */
    const run = (x: tf.Tensor, repeats: number): Float32Array => {
      const sum = new Float32Array(model.spec.classes);
      for (let r = 0; r < repeats; r++) {
        const { logits, state: next } = model.step(x, state);
        (logits.dataSync() as Float32Array).forEach((v, i) => { sum[i] = sum[i]! + v; });
        logits.dispose();
        disposeState(state);
        state = next;
      }
      return sum;
    };
    const predict = (f: SpikeFrame): WindowPrediction => {
      const repeats = Math.min(f.windows, MAX_SILENT_WINDOWS);
      const x = tf.tensor(f.data, [o.bins, 1, height, width, 2]);
      let sum: Float32Array;
      try {
        sum = run(x, repeats);
      } finally {
        x.dispose();
      }
      // the mean over all repeats × bins steps, as one pass over the tiled frames would give
      const scores = softmax(sum.map((v) => v / repeats));
      return { startUs: f.startUs, endUs: f.endUs, windows: f.windows, scores, label: scores.indexOf(Math.max(...scores)) };
    };
    const subscription = frames$.subscribe({
      next: (f) => {
        try {
          subscriber.next(predict(f));
        } catch (err) {
          subscriber.error(err);
        }
      },
      error: (err) => subscriber.error(err),
      complete: () => subscriber.complete(),
    });
    return () => {
      subscription.unsubscribe();
      disposeState(state);
    };
  });
}
