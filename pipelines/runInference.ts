import { open } from 'node:fs/promises';
import type { WriteStream } from 'node:fs';
import { lastValueFrom, tap, type Observable } from 'rxjs';
import { DecodeError, TruncatedInputError } from '../src/errors.js';
import { ConnectionError } from '../src/streams/ConnectionError.js';
import type { EventBatch } from '../src/events/index.js';
import { loadCheckpoint, type ModelSpec } from '../src/snn/index.js';
import { type MessageServer, serveMessages } from '../src/sinks/index.js';
import type { InferenceConfig } from './inferenceConfig.js';
import {
  emptyCounters, inferenceOutputs, readLabels, sourceEvents, type InferenceCounters, type InferenceOutput,
} from './inference.js';

/** What a finished `stream-infer` / `replay` run reports. */
export interface InferenceSummary {
  readonly windows: number;
  /** Windows with a true label, and how many of them were classified right (null without labels). */
  readonly labelled: number;
  readonly accuracy: number | null;
  /** Milliseconds from the arrival of the events that closed a window to its prediction. */
  readonly latencyMs: { readonly median: number; readonly p95: number; readonly max: number };
  readonly monitorRecords: number;
  readonly counters: InferenceCounters;
  /** Why the input ended early (a lost connection, a damaged file), if it did. */
  readonly inputError: string | null;
  /** A recording's truncated tail (every whole event before it was classified), if it had one. */
  readonly inputWarning: string | null;
}

/** Hooks of {@link runInference}. */
export interface InferenceHooks {
  /** Every output as it comes (the console sink, a live page). */
  readonly onOutput?: (o: InferenceOutput, counters: Readonly<InferenceCounters>) => void;
  /** Every event batch from the source (a live page's event frames). */
  readonly onEvents?: (b: EventBatch) => void;
  /** The msgpack output server, once listening (to print its address). */
  readonly onFeed?: (server: MessageServer) => void;
  /** Checks the model's spec before it is built (e.g. its memory at `windows.bins`); throws to refuse it. */
  readonly beforeBuild?: (spec: ModelSpec) => void;
}

const quantile = (xs: number[], q: number): number => (xs.length === 0 ? 0 : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!);

/**
 * Runs `stream-infer` or `replay` to the end of its source: loads the model (and the labels), runs
 * {@link inferenceOutputs}, and writes every output to the configured sinks (JSONL file, msgpack
 * `prediction`/`audit` feed; the console through `hooks.onOutput`). An input that ends with a
 * fault (a lost connection, a damaged file) ends the run normally with `inputError` set: everything
 * before it was classified.
 * @throws ConfigError for a bad model, labels file or setting; fs errors for the sinks.
 */
export async function runInference(config: InferenceConfig, hooks: InferenceHooks = {}): Promise<InferenceSummary> {
  const labels = config.labels === undefined ? [] : await readLabels(config.labels);
  const { model } = await loadCheckpoint(config.model, hooks.beforeBuild === undefined ? {} : { beforeBuild: hooks.beforeBuild });
  const counters = emptyCounters();
  // opened now, so that a bad path fails before anything runs
  const jsonl: WriteStream | null = config.sinks.jsonl === undefined ? null : (await open(config.sinks.jsonl, 'w')).createWriteStream();
  let jsonlError: Error | null = null;
  jsonl?.on('error', (e) => { jsonlError = e; });
  let feed: MessageServer | null = null;
  const latencies: number[] = [];
  let windows = 0;
  let labelled = 0;
  let right = 0;
  let monitorRecords = 0;
  let lastArrival = performance.now();
  let inputError: string | null = null;
  let inputWarning: string | null = null;
  try {
    if (config.sinks.feed !== undefined) {
      const [height, width] = model.spec.input;
      feed = await serveMessages({ ...config.sinks.feed, hello: { kind: 'hello', version: 1, width, height, source: 'spikeguard predictions' } });
      hooks.onFeed?.(feed);
    }
    const events$: Observable<EventBatch> = sourceEvents(config.source, counters).pipe(
      tap({
        next: (b) => { lastArrival = performance.now(); hooks.onEvents?.(b); },
        error: (e: unknown) => {
          if (e instanceof TruncatedInputError && e.format !== 'auto') inputWarning = e.message;
          else if (e instanceof DecodeError || e instanceof ConnectionError) inputError = e.message;
        },
      }),
    );
    const outputs$ = inferenceOutputs(config, model, labels, counters, events$).pipe(tap((o) => {
      if ('prediction' in o) {
        const p = o.prediction;
        windows += p.windows;
        latencies.push(performance.now() - lastArrival);
        if (p.truth !== null) {
          labelled++;
          if (p.label === p.truth) right++;
        }
        feed?.send({ kind: 'prediction', scores: new Float32Array(p.scores), startUs: p.startUs, endUs: p.endUs });
      } else {
        monitorRecords++;
        feed?.send({ kind: 'audit', record: { ...o.monitor } });
      }
      jsonl?.write(`${JSON.stringify(o)}\n`);
      hooks.onOutput?.(o, counters);
    }));
    await lastValueFrom(outputs$, { defaultValue: undefined }).catch((e: unknown) => {
      if (inputError === null && inputWarning === null) throw e; // a fault of the chain, not of its input
    });
  } finally {
    model.dispose();
    await feed?.close();
    if (jsonl !== null) await new Promise<void>((resolve) => jsonl.end(() => resolve()));
  }
  if (jsonlError !== null) throw jsonlError;
  return {
    windows, labelled, accuracy: labelled === 0 ? null : right / labelled,
    latencyMs: { median: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), max: Math.max(0, ...latencies) },
    monitorRecords, counters, inputError, inputWarning,
  };
}
