/**
 * Streams a >= 1 GiB AEDAT 4.0 (LZ4) file made by the writer through the file decoder and reports
 * peak RSS. Run alone (`npx tsx test/bench/stream1gb.ts`), so RSS is this process's own.
 * Prints one JSON line: {fileBytes, events, writeSeconds, decodeSeconds, mev_per_s, baselineRssMB,
 * peakRssMB} (peak RSS of the process while decoding; baseline = RSS when decoding starts).
 */
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventBatch } from '../../src/events/EventBatch.js';
import { streamEventFile } from '../../src/aedat/node/streamEventFile.js';
import { writeAedat4File } from '../../src/aedat/node/writeAedat4File.js';

const TARGET_BYTES = 1024 ** 3;
const BATCH = 1 << 16;
const sensor = { width: 640, height: 480 };
let peakRss = 0;
const sampleRss = () => { peakRss = Math.max(peakRss, process.memoryUsage.rss()); };

/** A moving-edge scene with noise: realistic enough for LZ4 to compress about as real data. */
function* scene(events: { n: number }, written: () => number): Generator<EventBatch> {
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
    events.n += BATCH;
    sampleRss();
    yield { x, y, t: tt, p, ...sensor };
  }
}

const path = join(tmpdir(), `spikeguard-1gb-${process.pid}.aedat4`);
try {
  const made = { n: 0 };
  let t0 = performance.now();
  // Events are generated until the file on disk reaches the target size.
  await writeAedat4File(path, scene(made, () => statSafe(path)), { ...sensor, compression: 'lz4' });
  const writeSeconds = (performance.now() - t0) / 1000;
  const fileBytes = statSync(path).size;
  // Start the decode phase from a collected heap, so the writer's garbage is not counted.
  (globalThis as { gc?: () => void }).gc?.();
  const baselineRss = process.memoryUsage.rss();
  peakRss = 0;
  sampleRss();
  t0 = performance.now();
  const { outputs } = streamEventFile(path, { chunkBytes: 1 << 20 });
  let events = 0;
  for await (const out of outputs) {
    if (out.error) throw out.error;
    events += out.events.t.length;
    sampleRss();
  }
  const decodeSeconds = (performance.now() - t0) / 1000;
  if (events !== made.n) throw new Error(`decoded ${events} events, wrote ${made.n}`);
  console.log(JSON.stringify({
    fileBytes, events, writeSeconds, decodeSeconds, mev_per_s: events / decodeSeconds / 1e6,
    baselineRssMB: Math.round(baselineRss / 2 ** 20), peakRssMB: Math.round(peakRss / 2 ** 20),
  }));
} finally {
  rmSync(path, { force: true });
}

function statSafe(p: string): number {
  try { return statSync(p).size; } catch { return 0; }
}
