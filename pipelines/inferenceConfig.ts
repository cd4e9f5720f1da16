import { ConfigError } from '../src/errors.js';
import { booleanAt, choiceAt, numberAt, objectAt, type Raw, stringAt } from './configValues.js';

/** Where events come from. */
export type SourceConfig =
  /** A live AEDAT 4.0 TCP stream (iniVation DV, dv-processing, `spikeguard stream`). */
  | { readonly kind: 'aedat4-tcp'; readonly host: string; readonly port: number }
  /** A spikeguard msgpack feed over TCP (`docs/wire.md`; e.g. `examples/python/send_events.py`). */
  | { readonly kind: 'feed-tcp'; readonly host: string; readonly port: number }
  /** A recording of any supported format, paced at `speed` × real time or as fast as possible. */
  | { readonly kind: 'file'; readonly path: string; readonly speed: number | 'max' };

/** Event filters applied before windowing, in this order; absent: not applied. */
export interface FiltersConfig {
  /** tonic's `RefractoryPeriod`: drop an event within this many µs of its pixel's last one. */
  readonly refractoryUs?: number;
  /** tonic's `Denoise`: keep an event only if a neighbour fired within this many µs before it. */
  readonly denoiseUs?: number;
}

/** The online robustness monitor (src/robust/monitor) on every `every`-th window. */
export interface MonitorConfig {
  readonly every: number;
  /** Time budget per record, ms. */
  readonly budgetMs: number;
  /** Upper end of the ε search on [0, 1] frames. */
  readonly epsMax: number;
  /** PGD steps per probe. */
  readonly steps: number;
  /** Random draws for the random flip rate. */
  readonly draws: number;
  /** Gradient setting of the attack (`triangle:1`, `atan:2`, `rate`, …). */
  readonly gradient: string;
}

/** Where outputs go. */
export interface SinksConfig {
  /** Human-readable lines on stdout (JSON lines with `--json`). */
  readonly console: boolean;
  /** A JSON Lines file: one object per prediction or monitor record. */
  readonly jsonl?: string;
  /** A msgpack feed (`docs/wire.md`: `prediction` and `audit` messages) served on this address. */
  readonly feed?: { readonly host: string; readonly port: number };
}

/** The typed config of `stream-infer` and `replay`. */
export interface InferenceConfig {
  readonly source: SourceConfig;
  readonly filters: FiltersConfig;
  /** Windows of `windowUs` from t = 0, `bins` frames each, cells as counts or 0/1 spikes. */
  readonly windows: { readonly windowUs: number; readonly bins: number; readonly values: 'count' | 'binary' };
  /** Model checkpoint (`spikeguard train --out`, or `fixtures/models/*.sgck`). */
  readonly model: string;
  readonly monitor: MonitorConfig | null;
  readonly sinks: SinksConfig;
  /**
   * Optional truth: a JSON file `[{ "startUs", "endUs", "label" }]`; a window's true label is that
   * of the segment holding its centre, and the summary gives the accuracy.
   */
  readonly labels?: string;
  /** Class names for display (default: the class indices). */
  readonly classes?: readonly string[];
}

/** Monitor settings used when a config turns the monitor on with `true`. */
export const MONITOR_DEFAULTS: MonitorConfig = { every: 5, budgetMs: 300, epsMax: 1, steps: 5, draws: 16, gradient: 'triangle:1' };

const ADDRESS_KEYS = ['kind', 'host', 'port'];

function sourceOf(raw: Raw): SourceConfig {
  const kind = choiceAt(objectAt(raw, 'source', ['kind', 'host', 'port', 'path', 'speed']).kind, 'source.kind', ['aedat4-tcp', 'feed-tcp', 'file']);
  if (kind === 'file') {
    const o = objectAt(raw, 'source', ['kind', 'path', 'speed']);
    const speed = o.speed === undefined || o.speed === 'max' ? 'max' : numberAt(o.speed, 'source.speed', 1e-6, 1e6);
    return { kind, path: stringAt(o.path, 'source.path'), speed };
  }
  const o = objectAt(raw, 'source', ADDRESS_KEYS);
  return { kind, host: stringAt(o.host, 'source.host'), port: numberAt(o.port, 'source.port', 1, 65535, true) };
}

function filtersOf(raw: Raw): FiltersConfig {
  const o = objectAt(raw ?? {}, 'filters', ['refractoryUs', 'denoiseUs']);
  return {
    ...(o.refractoryUs === undefined || o.refractoryUs === null ? {} : { refractoryUs: numberAt(o.refractoryUs, 'filters.refractoryUs', 0, 1e9) }),
    ...(o.denoiseUs === undefined || o.denoiseUs === null ? {} : { denoiseUs: numberAt(o.denoiseUs, 'filters.denoiseUs', 1, 1e9) }),
  };
}

function monitorOf(raw: Raw): MonitorConfig | null {
  if (raw === undefined || raw === null || raw === false) return null;
  if (raw === true) return MONITOR_DEFAULTS;
  const o = objectAt(raw, 'monitor', Object.keys(MONITOR_DEFAULTS));
  const m = { ...MONITOR_DEFAULTS, ...o };
  return {
    every: numberAt(m.every, 'monitor.every', 1, 1e6, true),
    budgetMs: numberAt(m.budgetMs, 'monitor.budgetMs', 0, 3_600_000),
    epsMax: numberAt(m.epsMax, 'monitor.epsMax', 1e-6, 1),
    steps: numberAt(m.steps, 'monitor.steps', 1, 1000, true),
    draws: numberAt(m.draws, 'monitor.draws', 1, 1024, true),
    gradient: stringAt(m.gradient, 'monitor.gradient'),
  };
}

function sinksOf(raw: Raw): SinksConfig {
  const o = objectAt(raw ?? {}, 'sinks', ['console', 'jsonl', 'feed']);
  let feed: SinksConfig['feed'];
  if (o.feed !== undefined && o.feed !== null) {
    const f = objectAt(o.feed, 'sinks.feed', ['host', 'port']);
    feed = { host: stringAt(f.host ?? '127.0.0.1', 'sinks.feed.host'), port: numberAt(f.port, 'sinks.feed.port', 0, 65535, true) };
  }
  return {
    console: o.console === undefined ? true : booleanAt(o.console, 'sinks.console'),
    ...(o.jsonl === undefined || o.jsonl === null ? {} : { jsonl: stringAt(o.jsonl, 'sinks.jsonl') }),
    ...(feed === undefined ? {} : { feed }),
  };
}

/**
 * Checks a parsed JSON/YAML config of `stream-infer` or `replay` (defaults already merged in) and
 * returns it typed.
 * @throws ConfigError naming the first wrong or unknown setting.
 */
export function inferenceConfigOf(raw: Raw): InferenceConfig {
  const o = objectAt(raw, 'config', ['source', 'filters', 'windows', 'model', 'monitor', 'sinks', 'labels', 'classes']);
  const w = objectAt(o.windows, 'windows', ['windowUs', 'bins', 'values']);
  const classes = o.classes;
  if (classes !== undefined && !(Array.isArray(classes) && classes.every((c) => typeof c === 'string'))) throw new ConfigError('classes: expected a list of names');
  return {
    source: sourceOf(o.source),
    filters: filtersOf(o.filters),
    windows: {
      windowUs: numberAt(w.windowUs, 'windows.windowUs', 1, 3.6e9),
      bins: numberAt(w.bins, 'windows.bins', 1, 1024, true),
      values: w.values === undefined ? 'count' : choiceAt(w.values, 'windows.values', ['count', 'binary']),
    },
    model: stringAt(o.model, 'model'),
    monitor: monitorOf(o.monitor),
    sinks: sinksOf(o.sinks),
    ...(o.labels === undefined || o.labels === null ? {} : { labels: stringAt(o.labels, 'labels') }),
    ...(classes === undefined ? {} : { classes: classes as string[] }),
  };
}
