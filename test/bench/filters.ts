/**
 * `npx tsx test/bench/filters.ts [file…]`: throughput of every filter kernel (and the augmentations,
 * for comparison) on decoded recordings repeated to >= 10 M events, from memory; each repeat is
 * shifted in time so the stream stays sorted. Median of 7 timed runs after 2 warm-ups; stateful
 * filters start each run from fresh state. Default files: three shared samples (EVT 2.0 640×480,
 * AEDAT 4.0 DAVIS346, ES DVS 320×240), else the EVT 3.0 fixture. Two columns: the stream as
 * batches of 65,536 events (as a replay at max speed delivers them; state carried across) and as
 * one 10 M-event batch (dominated by page faults on fresh output arrays on this VM).
 * Wall-clock and process CPU time are both reported: on a shared machine the CPU figure is the
 * steadier one. `FILTERS=regex` runs only the matching rows. Numbers only: nothing asserts a time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { openDecoder } from '../../src/aedat/openDecoder.js';
import { type EventBatch, sliceIndex } from '../../src/events/EventBatch.js';
import { seededRng } from '../../src/events/seededRng.js';
import { dropEvents } from '../../src/transforms/augment/dropEvents.js';
import { spatialJitter } from '../../src/transforms/augment/spatialJitter.js';
import { timeJitter } from '../../src/transforms/augment/timeJitter.js';
import { uniformNoise } from '../../src/transforms/augment/uniformNoise.js';
import { centerCropRoi, crop } from '../../src/transforms/filters/crop.js';
import { denoise, denoiseState } from '../../src/transforms/filters/denoise.js';
import { downsample } from '../../src/transforms/filters/downsample.js';
import { flipLR, flipPolarity, flipUD } from '../../src/transforms/filters/flips.js';
import { detectHotPixels, pixelMask, removePixels } from '../../src/transforms/filters/hotPixels.js';
import { mergePolarities, selectPolarity } from '../../src/transforms/filters/polarity.js';
import { refractory, refractoryState } from '../../src/transforms/filters/refractory.js';
import { FIXTURES, SHARED_SAMPLES } from '../helpers/samples.js';

const SHARED = ['evt2_gen3_640x480_expelliarmus.raw', 'aedat4_davis346_evlib_sample.aedat4', 'es_dvs_320x240.es'];
const defaults = existsSync(SHARED_SAMPLES)
  ? SHARED.map((f) => join(SHARED_SAMPLES, f))
  : [join(FIXTURES, 'evt3_gen41_1280x720_expelliarmus.raw')];
const files = process.argv.length > 2 ? process.argv.slice(2) : defaults;

/** The recording repeated to >= 10 M events, each copy shifted past the previous one's end. */
function repeated(one: EventBatch): EventBatch {
  const k = Math.ceil(10e6 / one.t.length);
  const n = one.t.length * k;
  const out = { x: new Uint16Array(n), y: new Uint16Array(n), t: new Float64Array(n), p: new Uint8Array(n) };
  const spanUs = one.t[one.t.length - 1]! - one.t[0]! + 1;
  for (let r = 0; r < k; r++) {
    const at = r * one.t.length;
    out.x.set(one.x, at);
    out.y.set(one.y, at);
    out.p.set(one.p, at);
    for (let i = 0; i < one.t.length; i++) out.t[at + i] = one.t[i]! + r * spanUs;
  }
  return { ...out, width: one.width, height: one.height };
}

const BATCH = 65_536;

/** A kernel bound to fresh state: called on each batch of one run. */
type Kernel = (b: EventBatch) => unknown;

/** Median over 7 timed runs (after 2 warm-ups) of wall-clock and of process CPU time, as M events/s. */
function medianMevPerS(ev: EventBatch, make: () => Kernel, batch: number): { wall: number; cpu: number } {
  const n = ev.t.length;
  const run = (): void => {
    const k = make();
    for (let at = 0; at < n; at += batch) k(sliceIndex(ev, at, Math.min(n, at + batch)));
  };
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < 9; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (r >= 2) {
      wall.push(ms);
      cpu.push((c.user + c.system) / 1e3);
    }
  }
  const median = (a: number[]): number => a.sort((x, y) => x - y)[3]!;
  return { wall: n / median(wall) / 1e3, cpu: n / median(cpu) / 1e3 };
}

type Row = { batched: { wall: number; cpu: number }; whole: { wall: number; cpu: number } };
const all: Record<string, Record<string, Row>> = {};
const only = process.env.FILTERS ? new RegExp(process.env.FILTERS) : null;
for (const path of files) {
  const one = decodeAll(openDecoder({ fileName: path }), new Uint8Array(readFileSync(path))).events;
  const ev = repeated(one);
  const n = ev.t.length;
  const s = { width: ev.width, height: ev.height };
  const hot = pixelMask(detectHotPixels(one, s, 10), s);
  const roi = centerCropRoi(s, { width: Math.ceil(s.width / 2), height: Math.ceil(s.height / 2) });
  const ref = { ...s, refractoryUs: 1000 };
  const refPol = { ...ref, perPolarity: true };
  const den = { ...s, filterTimeUs: 10_000 };
  const den8 = { ...den, neighbours: 8 as const };
  const kernels: Record<string, () => Kernel> = {
    'refractory 1 ms': () => { const st = refractoryState(ref); return (b) => refractory(b, st, ref); },
    'refractory perPolarity': () => { const st = refractoryState(refPol); return (b) => refractory(b, st, refPol); },
    'denoise 10 ms, 4': () => { const st = denoiseState(den); return (b) => denoise(b, st, den); },
    'denoise 10 ms, 8': () => { const st = denoiseState(den8); return (b) => denoise(b, st, den8); },
    'removePixels (hot ×10)': () => (b) => removePixels(b, hot, s),
    'crop centre ½': () => (b) => crop(b, roi),
    'downsample factor 0.5': () => (b) => downsample(b, { factor: 0.5 }),
    'downsample divisor 2': () => (b) => downsample(b, { divisor: 2 }),
    'selectPolarity ON': () => (b) => selectPolarity(b, 1),
    'mergePolarities': () => mergePolarities,
    'flipLR': () => flipLR,
    'flipUD': () => flipUD,
    'flipPolarity': () => flipPolarity,
    'aug dropEvents 0.1': () => { const rng = seededRng(1); return (b) => dropEvents(b, 0.1, rng); },
    'aug spatialJitter σ=1': () => { const rng = seededRng(1); return (b) => spatialJitter(b, { sigmaX: 1, sigmaY: 1, outside: 'drop' }, rng); },
    'aug timeJitter σ=100µs': () => { const rng = seededRng(1); return (b) => timeJitter(b, 100, rng); },
    'aug uniformNoise 1%': () => { const rng = seededRng(1); return (b) => uniformNoise(b, Math.round(b.t.length / 100), rng); },
  };
  const name = basename(path);
  console.log(`${name}: ${one.t.length} events × ${n / one.t.length} = ${n}, ${s.width}×${s.height}`);
  console.log(`  ${'M events/s'.padEnd(26)} ${'batched wall'.padStart(13)} ${'(cpu)'.padStart(8)} ${'whole wall'.padStart(11)} ${'(cpu)'.padStart(8)}`);
  const rows: Record<string, Row> = {};
  for (const [k, make] of Object.entries(kernels)) {
    if (only && !only.test(k)) continue;
    const r = { batched: medianMevPerS(ev, make, BATCH), whole: medianMevPerS(ev, make, n) };
    rows[k] = r;
    const f = (v: number, w: number): string => v.toFixed(1).padStart(w);
    console.log(`  ${k.padEnd(26)} ${f(r.batched.wall, 13)} ${f(r.batched.cpu, 8)} ${f(r.whole.wall, 11)} ${f(r.whole.cpu, 8)}`);
  }
  all[name] = rows;
}
console.log(JSON.stringify({ filters: all }));
