import { basename } from 'node:path';
import type { Observable } from 'rxjs';
import type { EventBatch } from '../events/EventBatch.js';
import type { ReplayOptions } from './ReplayOptions.js';
import { fileChunkReader } from './fileChunkReader.js';
import { replayChunks } from './replayChunks.js';

/**
 * Replays an event file of any format the parser reads (auto-detected from its first bytes and
 * name, or `opts.format`) as a cold stream of {@link EventBatch}es. Subscribing opens the file;
 * unsubscribing closes it and nothing more is read.
 *
 * - **Memory is bounded** for files of any size: chunks of `chunkBytes` are read one at a time,
 *   and the next chunk only once every batch of the previous one was delivered (`next` returned,
 *   and at `pace: {speed}` its due time passed) — a lossless pull, nothing read ahead.
 * - **Pacing** (see {@link Pacing}): `'max'` (default), or by event time at `speed` on an
 *   injected scheduler; a batch is due at its last event's time. Batches are views of at most
 *   `maxEventsPerBatch` events, so pacing is smooth. A late batch is sent at once, never dropped
 *   (`maxLagMs` in the metrics).
 * - **Looping**: `loops` passes, each with a fresh decoder; later passes are shifted in time so t
 *   keeps increasing (see {@link ReplayOptions.loops}).
 * - **Errors** go downstream after every good event before them: a `DecodeError` for bad bytes,
 *   a `TruncatedInputError` for a cut tail (or a normal end with `truncated: 'complete'`), a
 *   {@link FileReadError} when the file cannot be opened or read.
 * - **Side outputs** (frames, IMU, triggers) are not in the stream: they are counted in the
 *   metrics and handed to `onSide`. Decoder `skipped` counts are summed in the metrics.
 *
 * @throws ConfigError at call time on invalid options.
 * @example
 * replayFile('rec.aedat4', { pace: { speed: 1 }, onMetrics: (m) => log(m) })
 *   .pipe(windowEvents({ by: 'time', windowUs: 10_000 }), toFrames({ width: 346, height: 260 }))
 *   .subscribe(infer);
 */
export function replayFile(path: string, opts: ReplayOptions = {}): Observable<EventBatch> {
  const o = { fileName: basename(path), ...opts };
  return replayChunks(() => fileChunkReader(path, o.chunkBytes ?? 262_144), o);
}
