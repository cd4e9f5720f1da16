/**
 * `npx tsx test/bench/binFrames.ts [file]`: frame-binning throughput of `binFrames` (and the voxel
 * grid for comparison) on a decoded recording repeated to >= 10 M events, from memory; median of
 * 5 timed runs after 2 warm-ups. Default file: the EVT 2.0 shared sample, else the EVT 3.0 fixture.
 * Numbers only: nothing here asserts a time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { openDecoder } from '../../src/aedat/openDecoder.js';
import { concatBatches } from '../../src/events/concatBatches.js';
import { binFrames } from '../../src/transforms/binFrames.js';
import { binVoxelGrid } from '../../src/transforms/binVoxelGrid.js';
import { FIXTURES, SHARED_SAMPLES } from '../helpers/samples.js';

const shared = join(SHARED_SAMPLES, 'evt2_gen3_640x480_expelliarmus.raw');
const path = process.argv[2] ?? (existsSync(shared) ? shared : join(FIXTURES, 'evt3_gen41_1280x720_expelliarmus.raw'));
const one = decodeAll(openDecoder({ fileName: path }), new Uint8Array(readFileSync(path))).events;
const repeat = Math.ceil(10e6 / one.t.length);
const events = concatBatches(Array.from({ length: repeat }, () => one));
let startUs = Infinity;
let endUs = -Infinity;
for (const t of events.t) {
  startUs = Math.min(startUs, t);
  endUs = Math.max(endUs, t);
}

function medianMevPerS(run: () => void, reset: () => void): number {
  const ms: number[] = [];
  for (let r = 0; r < 7; r++) {
    reset();
    const t0 = performance.now();
    run();
    if (r >= 2) ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return events.t.length / ms[2]! / 1e3;
}

console.log(`${path}: ${one.t.length} events × ${repeat} = ${events.t.length}, ${one.width}×${one.height}`);
const rows: Record<string, number> = {};
for (const T of [1, 8]) {
  const out = new Float32Array(T * one.height * one.width * 2);
  rows[`binFrames T=${T}`] = medianMevPerS(() => binFrames(events, { startUs, endUs }, { timeBins: T }, out), () => out.fill(0));
  rows[`binFrames T=${T} binary`] = medianMevPerS(() => binFrames(events, { startUs, endUs }, { timeBins: T, values: 'binary' }, out), () => out.fill(0));
}
const vox = new Float32Array(5 * one.height * one.width);
rows['binVoxelGrid T=5 signed'] = medianMevPerS(() => binVoxelGrid(events, { startUs, endUs }, { bins: 5, polarity: 'signed' }, vox), () => vox.fill(0));
for (const [k, v] of Object.entries(rows)) console.log(k.padEnd(26), `${v.toFixed(1).padStart(7)} M events/s`);
console.log(JSON.stringify({ binFrames: rows }));
