/**
 * `npx tsx test/bench/replayPipeline.ts [file] [loops]`: end-to-end throughput of `replayFile`
 * (max speed, 256 KiB chunks) → `refractoryFilter` (1 ms) → `windowEvents({ by: 'time',
 * windowUs: 10_000 })` → `toFrames` (one count frame per window, the file's sensor size), in
 * events per second of wall time, with a fresh frame per window and with a `framePool`. The file
 * is looped (default: until >= 10 M events) and each run repeated 3 times after a warm-up, median
 * printed. Default file: the EVT 2.0 shared sample, else the EVT 3.0 fixture. Numbers only.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom, reduce, tap } from 'rxjs';
import { replayFile } from '../../src/sources/replayFile.js';
import { refractoryFilter } from '../../src/transforms/filters/refractory.js';
import { framePool, type FramePool } from '../../src/transforms/framePool.js';
import { toFrames } from '../../src/transforms/toFrames.js';
import { windowEvents } from '../../src/transforms/windowEvents.js';
import { FIXTURES, SHARED_SAMPLES } from '../helpers/samples.js';
import { decodePath } from '../sources/helpers.js';

const shared = join(SHARED_SAMPLES, 'evt2_gen3_640x480_expelliarmus.raw');
const path = process.argv[2] ?? (existsSync(shared) ? shared : join(FIXTURES, 'evt3_gen41_1280x720_expelliarmus.raw'));
const once = decodePath(path).events;
const loops = Number(process.argv[3] ?? Math.max(1, Math.ceil(10e6 / once.t.length)));
const { width, height } = once;

async function run(pool?: FramePool): Promise<{ events: number; frames: number; ms: number }> {
  let events = 0;
  const t0 = performance.now();
  const frames = await lastValueFrom(
    replayFile(path, { loops, onMetrics: (m) => { events = m.events; } }).pipe(
      refractoryFilter({ width, height, refractoryUs: 1_000 }),
      windowEvents({ by: 'time', windowUs: 10_000 }),
      toFrames({ width, height, ...(pool ? { pool } : {}) }),
      tap((f) => pool?.release(f.data)),
      reduce((n) => n + 1, 0),
    ),
  );
  return { events, frames, ms: performance.now() - t0 };
}

console.log(`${path}: ${once.t.length} events × ${loops} loops, ${width}×${height}`);
const results: Record<string, { events: number; frames: number; ms: number; eventsPerS: number }> = {};
for (const [label, pool] of [['fresh frames', undefined], ['frame pool', framePool()]] as const) {
  await run(pool); // warm-up
  const runs: { events: number; frames: number; ms: number }[] = [];
  for (let r = 0; r < 3; r++) runs.push(await run(pool));
  runs.sort((a, b) => a.ms - b.ms);
  const mid = runs[1]!;
  const rate = mid.events / (mid.ms / 1000);
  console.log(`${label}: ${mid.events} events, ${mid.frames} frames in ${mid.ms.toFixed(0)} ms: ${(rate / 1e6).toFixed(2)} M events/s end to end`);
  results[label] = { events: mid.events, frames: mid.frames, ms: Math.round(mid.ms), eventsPerS: Math.round(rate) };
}
console.log(JSON.stringify({ replayPipeline: { file: path.split('/').pop(), ...results } }));
