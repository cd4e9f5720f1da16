import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type MonoTypeOperatorFunction, type Observable, identity, map, tap } from 'rxjs';
import { ConfigError } from '../src/errors.js';
import type { EventBatch } from '../src/events/index.js';
import { monitorOptionsOf, type MonitorOptions, type MonitorRecord } from '../src/robust/index.js';
import type { SnnModel } from '../src/snn/index.js';
import { aedat4TcpSource, feedSource, replayFile } from '../src/sources/index.js';
import { denoiseFilter, refractoryFilter, type FilterMetrics } from '../src/transforms/index.js';
import type { FiltersConfig, InferenceConfig, MonitorConfig, SourceConfig } from './inferenceConfig.js';
import { classifyAndMonitor, type MonitoredOutput } from './monitoredInference.js';
import { classifyWindows, type WindowPrediction } from './streamingInference.js';

/** A window's prediction with its true label (null without `labels` or outside every segment). */
export interface LabelledPrediction extends WindowPrediction {
  readonly truth: number | null;
}

/** One output of {@link inferenceOutputs}. */
export type InferenceOutput = { readonly prediction: LabelledPrediction } | { readonly monitor: MonitorRecord };

/** What the chain shed or skipped, by stage: nothing lost goes uncounted. */
export interface InferenceCounters {
  /** Events that entered the chain from the source. */
  eventsIn: number;
  /** Source-side drops and decoder skips (e.g. `truncatedBytes`, `overflow`). */
  source: Record<string, number>;
  /** Events each filter removed (its rule plus events outside the sensor). */
  filtered: Record<string, number>;
  /** Windows the monitor skipped because a record was in progress. */
  monitorSkipped: number;
}

/** A labelled time segment of a recording. */
export interface LabelSegment {
  readonly startUs: number;
  readonly endUs: number;
  readonly label: number;
}

/**
 * The events of a configured source: a live AEDAT 4.0 TCP stream, a msgpack feed, or a recording
 * (paced or at full speed). Drops and skips are added to `counters.source`.
 */
export function sourceEvents(source: SourceConfig, counters: InferenceCounters): Observable<EventBatch> {
  const add = (counts: Readonly<Record<string, number>>): void => {
    for (const [k, v] of Object.entries(counts)) counters.source[k] = v;
  };
  const onMetrics = (m: { readonly dropped: Readonly<Record<string, number>>; readonly skipped?: Readonly<Record<string, number>> }): void => {
    add(m.dropped);
    add(m.skipped ?? {});
  };
  if (source.kind === 'file') {
    return replayFile(source.path, { fileName: basename(source.path), onMetrics, ...(source.speed === 'max' ? {} : { pace: { speed: source.speed } }) });
  }
  if (source.kind === 'aedat4-tcp') return aedat4TcpSource({ host: source.host, port: source.port, onMetrics });
  return feedSource({ host: source.host, port: source.port });
}

/** The configured filters, in order (refractory, then denoise), at the model's sensor size. */
export function filterChain(f: FiltersConfig, sensor: { width: number; height: number }, counters: InferenceCounters): MonoTypeOperatorFunction<EventBatch> {
  const count = (m: FilterMetrics): void => { counters.filtered[m.filter] = m.removed + m.outside; };
  const refractory = f.refractoryUs === undefined ? identity : refractoryFilter({ ...sensor, refractoryUs: f.refractoryUs }, count);
  const denoise = f.denoiseUs === undefined ? identity : denoiseFilter({ ...sensor, filterTimeUs: f.denoiseUs }, count);
  return (events$) => events$.pipe(refractory, denoise);
}

/** The monitor's options from its config: L∞ on [0, 1] frames, tolerance εmax/32, seed 0. */
export function monitorOptions(m: MonitorConfig): MonitorOptions {
  return monitorOptionsOf({ ...m, domain: 'unit' }, 'monitor.gradient');
}

/**
 * Reads a labels file: a JSON list `[{ "startUs", "endUs", "label" }]`, sorted by `startUs`.
 * @throws ConfigError for anything else.
 */
export async function readLabels(path: string): Promise<LabelSegment[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`labels ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const ok = (s: unknown): s is LabelSegment => typeof s === 'object' && s !== null &&
    [(s as LabelSegment).startUs, (s as LabelSegment).endUs].every(Number.isFinite) && Number.isInteger((s as LabelSegment).label);
  if (!Array.isArray(raw) || !raw.every(ok)) throw new ConfigError(`labels ${path}: expected a JSON list of {"startUs", "endUs", "label"}`);
  return [...raw].sort((a, b) => a.startUs - b.startUs);
}

/** The label of the segment that holds `tUs`, or null. */
export function labelAt(segments: readonly LabelSegment[], tUs: number): number | null {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.startUs <= tUs) lo = mid + 1;
    else hi = mid;
  }
  const s = segments[lo - 1];
  return s !== undefined && tUs < s.endUs ? s.label : null;
}

/**
 * The `stream-infer` / `replay` chain as one stream (DESIGN job 1): source → filters → time
 * windows → the model's stateful step → one prediction per window (with its true label when
 * `labels` are given), and, with a monitor, its records in between. Counters are updated as the
 * stream runs. The same events give the same predictions whatever the source (test).
 * Ownership: the model is read, not disposed.
 * @throws ConfigError at call time for a bad monitor setting or a model without 2 channels.
 */
export function inferenceOutputs(config: InferenceConfig, model: SnnModel, labels: readonly LabelSegment[], counters: InferenceCounters,
  events$: Observable<EventBatch> = sourceEvents(config.source, counters)): Observable<InferenceOutput> {
  const [height, width] = model.spec.input;
  const windows = { windowUs: config.windows.windowUs, bins: config.windows.bins, values: config.windows.values };
  const classify = config.monitor === null
    ? (e$: Observable<EventBatch>): Observable<MonitoredOutput> => e$.pipe(classifyWindows(model, windows), map((prediction) => ({ prediction })))
    : classifyAndMonitor(model, windows, monitorOptions(config.monitor));
  return events$.pipe(
    tap((b) => { counters.eventsIn += b.t.length; }),
    filterChain(config.filters, { width, height }, counters),
    classify,
    map((o): InferenceOutput => {
      if ('monitor' in o) {
        counters.monitorSkipped += o.monitor.skipped;
        return o;
      }
      const p = o.prediction;
      return { prediction: { ...p, truth: labels.length === 0 ? null : labelAt(labels, (p.startUs + p.endUs) / 2) } };
    }),
  );
}

/** Counters at zero. */
export function emptyCounters(): InferenceCounters {
  return { eventsIn: 0, source: {}, filtered: {}, monitorSkipped: 0 };
}
