import { connect, map, merge, type OperatorFunction } from 'rxjs';
import type { EventBatch } from '../src/events/index.js';
import { monitorRobustness, type MonitorOptions, type MonitorRecord } from '../src/robust/index.js';
import type { SnnModel } from '../src/snn/index.js';
import { classifyFrames, windowFrames, type StreamingInferenceOptions, type WindowPrediction } from './streamingInference.js';

/** One output of {@link classifyAndMonitor}: a window's prediction, or a monitor record. */
export type MonitoredOutput = { readonly prediction: WindowPrediction } | { readonly monitor: MonitorRecord };

/**
 * Streaming inference with the online robustness monitor beside it: the frames of
 * `classifyWindows` are shared by the stateful classifier (one prediction per window, emitted as
 * the window's frame arrives) and `monitorRobustness` (records later, for every k-th window, on
 * the monitor's scheduler; windows are skipped and counted rather than delaying predictions).
 * The stream completes after the record in progress, if any, is emitted.
 * Ownership: the model is read, not disposed; every tensor made here is disposed.
 * @throws ConfigError at call time for a model without 2 input channels or invalid monitor
 *   options; as an error notification for a sensor of another size or an attack's error.
 * @example
 * replayFile(path, {}).pipe(classifyAndMonitor(model, { windowUs: 10_000, bins: 4 }, monitorOptions))
 *   .subscribe((o) => console.log('monitor' in o ? o.monitor.epsHigh : o.prediction.label));
 */
export function classifyAndMonitor(model: SnnModel, o: StreamingInferenceOptions, monitor: MonitorOptions): OperatorFunction<EventBatch, MonitoredOutput> {
  const frames = windowFrames(model, o);
  const classify = classifyFrames(model, o);
  const measure = monitorRobustness(model, monitor);
  // connect: one windowing subscription; the classifier subscribes first, so it sees each frame first.
  return (events$) => events$.pipe(frames, connect((shared$) => merge(
    shared$.pipe(classify, map((prediction): MonitoredOutput => ({ prediction }))),
    shared$.pipe(measure, map((record): MonitoredOutput => ({ monitor: record }))),
  )));
}
