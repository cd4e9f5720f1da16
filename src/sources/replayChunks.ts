import { Observable } from 'rxjs';
import type { EventBatch } from '../events/EventBatch.js';
import { ConfigError } from '../errors.js';
import type { ChunkReader } from '../streams/ChunkReader.js';
import type { ReplayOptions } from './ReplayOptions.js';
import { ReplayRun } from './ReplayRun.js';

/**
 * Replays the bytes of a {@link ChunkReader} through an incremental decoder as a stream of event
 * batches: the engine of {@link replayFile} (see there for pacing, looping, errors and metrics),
 * usable with an in-memory reader in virtual-time tests. `open` is called once per subscription;
 * the reader is closed on completion, error and unsubscription.
 *
 * ```
 * pace 'max':                 (abc|)       all batches, each after the previous was taken
 * pace {speed: 1}, t=0,10,20 ms: a 9ms b 9ms (c|)
 * ```
 *
 * @throws ConfigError at call time on invalid options (speed, loops, sizes).
 * @example
 * replayChunks(() => bytesChunkReader(bytes, 4096), { fileName: 'a.bin', pace: { speed: 2, scheduler } })
 */
export function replayChunks(open: () => ChunkReader, opts: ReplayOptions = {}): Observable<EventBatch> {
  checkReplayOptions(opts);
  return new Observable<EventBatch>((sub) => {
    const run = new ReplayRun(open(), opts, sub);
    run.start();
    return () => run.stop();
  });
}

function checkReplayOptions(o: ReplayOptions): void {
  const bad = (what: string, v: unknown): never => {
    throw new ConfigError(`replay: ${what}, got ${String(v)}`);
  };
  const loops = o.loops ?? 1;
  if (!(loops === Infinity || (Number.isInteger(loops) && loops >= 1))) bad('loops must be an integer >= 1 or Infinity', loops);
  const max = o.maxEventsPerBatch ?? 1;
  if (!(Number.isInteger(max) && max >= 1)) bad('maxEventsPerBatch must be an integer >= 1', max);
  const chunk = o.chunkBytes ?? 1;
  if (!(Number.isInteger(chunk) && chunk >= 1)) bad('chunkBytes must be an integer >= 1', chunk);
  const gap = o.loopGapUs ?? 0;
  if (!(Number.isFinite(gap) && gap >= 0)) bad('loopGapUs must be finite and >= 0', gap);
  if (o.pace !== undefined && o.pace !== 'max' && !(Number.isFinite(o.pace.speed) && o.pace.speed > 0)) {
    bad('pace.speed must be finite and > 0', o.pace.speed);
  }
}
