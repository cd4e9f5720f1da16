/**
 * `npx tsx test/bench/monitor.ts [records]`: cost of the online robustness monitor on csnn-nmnist
 * (untrained, seeded) for 34×34 moving-bar windows of T = 2 and T = 8 on the tfjs `wasm` backend:
 * per record (after one warm-up record) the total time, the probes made and the longest single
 * step between yields (how long the event loop waits at most), in ms; medians over `records`
 * (default 5). Then the prediction latency of a stream of 40 windows due every 50 ms (T = 2),
 * classified with and without the monitor beside it (every window sampled). Numbers only.
 */
import * as tf from '@tensorflow/tfjs-core';
import { connect, lastValueFrom, map, merge, mergeMap, range, tap, timer, zip } from 'rxjs';
import { classifyFrames } from '../../pipelines/streamingInference.js';
import { movingBars } from '../../src/datasets/movingBars.js';
import { measureWindow, monitorRobustness, PRESETS, type MonitorOptions, type MonitorRecord } from '../../src/robust/index.js';
import { buildModel, selectBackend, zoo } from '../../src/snn/index.js';
import type { SpikeFrame } from '../../src/transforms/index.js';

const RECORDS = Number(process.argv[2] ?? 5);
await selectBackend({ backend: 'wasm', log: () => {} });
const model = buildModel(zoo('csnn-nmnist', 4), { seed: 0 });

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

const options = (steps: number, budgetMs: number): MonitorOptions => ({
  every: 1, budgetMs, epsMax: 1, tolerance: 1 / 32, steps, draws: 16, norm: 'linf',
  gradient: PRESETS.paper[0]!, domain: { kind: 'unit' }, seed: 0,
});

function measure(T: number, steps: number): void {
  const bars = movingBars({ samples: RECORDS + 1, T, size: 34, seed: 1 });
  const o = options(steps, Infinity);
  const totals: number[] = [];
  const longest: number[] = [];
  const probes: number[] = [];
  for (let i = 0; i <= RECORDS; i++) {
    const steps$ = measureWindow(model, { data: Float32Array.from(bars.get(i).x), shape: [T, 34, 34, 2] }, o, () => performance.now());
    let worst = 0;
    const t0 = performance.now();
    for (;;) {
      const s0 = performance.now();
      const r = steps$.next();
      worst = Math.max(worst, performance.now() - s0);
      if (r.done) {
        if (i > 0) probes.push(r.value.probes);
        break;
      }
    }
    if (i > 0) {
      totals.push(performance.now() - t0);
      longest.push(worst);
    }
  }
  console.log(`T = ${T}, ${steps} PGD steps/probe: record ${median(totals).toFixed(0)} ms, ${median(probes)} probes, longest step ${median(longest).toFixed(0)} ms`);
}

/**
 * Prediction latency of 40 windows due every 50 ms: ms from a window's due time (as a camera
 * would deliver it; a blocked event loop leaves it waiting in the socket) to its prediction.
 */
async function latency(withMonitor: boolean, print = true): Promise<void> {
  const bars = movingBars({ samples: 40, T: 2, size: 34, seed: 2 });
  const delays: number[] = [];
  const records: MonitorRecord[] = [];
  const t0 = performance.now();
  const frames$ = range(0, 40).pipe(mergeMap((i) => timer(i * 50).pipe(map((): SpikeFrame => (
    { index: i, startUs: i * 50_000, endUs: (i + 1) * 50_000, shape: [2, 34, 34, 2], data: Float32Array.from(bars.get(i).x), windows: 1, outside: 0, late: 0, dropped: 0 })))));
  await lastValueFrom(frames$.pipe(connect((f$) => merge(
    f$.pipe(connect((g$) => zip(g$, g$.pipe(classifyFrames(model, { bins: 2 })))), tap(([f]) => delays.push(performance.now() - t0 - f.index * 50))),
    withMonitor ? f$.pipe(monitorRobustness(model, options(5, 500)), tap((r) => records.push(r))) : [],
  ))), { defaultValue: undefined });
  if (!print) return;
  const skipped = records.reduce((k, r) => k + r.skipped, 0);
  console.log(`${withMonitor ? 'with monitor   ' : 'without monitor'}: prediction latency median ${median(delays).toFixed(1)} ms, max ${Math.max(...delays).toFixed(1)} ms` +
    (withMonitor ? `; ${records.length} records, ${skipped} windows skipped` : ''));
}

console.log(`monitor on csnn-nmnist (untrained), wasm, εmax 1, tolerance 1/32, 16 draws (median of ${RECORDS} records)`);
measure(2, 5);
measure(8, 5);
measure(8, 2);
await latency(false, false); // warm-up
await latency(false);
await latency(true);
const before = tf.memory().numTensors;
model.dispose();
console.log(`tensors freed with the model: ${before - tf.memory().numTensors}, left: ${tf.memory().numTensors}`);
