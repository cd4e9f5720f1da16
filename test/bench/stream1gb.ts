/**
 * The 1 GiB streaming benchmark, in two processes so that each one's RSS is its own:
 *   `npx tsx test/bench/stream1gb.ts write FILE`  — writes >= 1 GiB of AEDAT 4.0 (LZ4) with the writer;
 *   `npx tsx test/bench/stream1gb.ts decode FILE` — streams it through the file decoder.
 * Each prints one JSON line with its time, events and peak RSS (MB).
 */
import { statSync } from 'node:fs';
import type { EventBatch } from '../../src/events/EventBatch.js';
import { streamEventFile } from '../../src/aedat/node/streamEventFile.js';
import { writeAedat4File } from '../../src/aedat/node/writeAedat4File.js';

const TARGET_BYTES = 1024 ** 3;
const BATCH = 1 << 16;
const sensor = { width: 640, height: 480 };
let peakRss = 0;
const sampleRss = () => { peakRss = Math.max(peakRss, process.memoryUsage.rss()); };

/** A moving edge with noise, seeded: compresses with LZ4 about as real recordings do. */
function* scene(made: { n: number }, written: () => number): Generator<EventBatch> {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  let t = 1_600_000_000_000_000;
  while (written() < TARGET_BYTES) {
    const x = new Uint16Array(BATCH), y = new Uint16Array(BATCH), tt = new Float64Array(BATCH), p = new Uint8Array(BATCH);
    for (let i = 0; i < BATCH; i++) {
      t += rnd() < 0.7 ? 0 : 1 + Math.floor(rnd() * 3);
      const edge = Math.floor(t / 2000) % sensor.width;
      x[i] = rnd() < 0.9 ? (edge + Math.floor(rnd() * 4)) % sensor.width : Math.floor(rnd() * sensor.width);
      y[i] = Math.floor(rnd() * sensor.height);
      tt[i] = t;
      p[i] = rnd() < 0.5 ? 1 : 0;
    }
    made.n += BATCH;
    sampleRss();
    yield { x, y, t: tt, p, ...sensor };
  }
}

function fileSize(p: string): number {
  try { return statSync(p).size; } catch { return 0; }
}

async function write(path: string): Promise<object> {
  const made = { n: 0 };
  const t0 = performance.now();
  // Events are generated until the file on disk reaches the target size.
  await writeAedat4File(path, scene(made, () => fileSize(path)), { ...sensor, compression: 'lz4' });
  return { phase: 'write', fileBytes: fileSize(path), events: made.n, seconds: (performance.now() - t0) / 1000 };
}

async function decode(path: string): Promise<object> {
  const t0 = performance.now();
  const { outputs } = streamEventFile(path, { chunkBytes: 1 << 20 });
  let events = 0;
  for await (const out of outputs) {
    if (out.error) throw out.error;
    events += out.events.t.length;
    sampleRss();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { phase: 'decode', fileBytes: fileSize(path), events, seconds, mev_per_s: events / seconds / 1e6 };
}

const [mode, path] = process.argv.slice(2);
if ((mode !== 'write' && mode !== 'decode') || path === undefined) {
  throw new Error('usage: stream1gb.ts write|decode FILE');
}
sampleRss();
const result = mode === 'write' ? await write(path) : await decode(path);
console.log(JSON.stringify({ ...result, peakRssMB: Math.round(peakRss / 2 ** 20) }));
