/**
 * `npx tsx test/bench/monitor.ts [records]`: cost of the online robustness monitor on csnn-nmnist
 * (untrained, seeded) for 34×34 moving-bar windows of T = 2 and T = 8 on the tfjs `wasm` backend:
 * per record (after one warm-up record) the total time, the probes made and the longest single
 * step between yields (how long the event loop waits at most), in ms; medians over `records`
 * (default 5). Numbers only.
 */
import * as tf from '@tensorflow/tfjs-core';
import { movingBars } from '../../src/datasets/movingBars.js';
import { measureWindow, PRESETS, type MonitorOptions } from '../../src/robust/index.js';
import { buildModel, selectBackend, zoo } from '../../src/snn/index.js';

const RECORDS = Number(process.argv[2] ?? 5);
await selectBackend({ backend: 'wasm', log: () => {} });
const model = buildModel(zoo('csnn-nmnist', 4), { seed: 0 });

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

function measure(T: number, steps: number): void {
  const bars = movingBars({ samples: RECORDS + 1, T, size: 34, seed: 1 });
  const o: MonitorOptions = {
    every: 1, budgetMs: Infinity, epsMax: 1, tolerance: 1 / 32, steps, draws: 16, norm: 'linf',
    gradient: PRESETS.paper[0]!, domain: { kind: 'unit' }, seed: 0,
  };
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

console.log(`monitor on csnn-nmnist (untrained), wasm, εmax 1, tolerance 1/32, 16 draws (median of ${RECORDS} records)`);
measure(2, 5);
measure(8, 5);
measure(8, 2);
const before = tf.memory().numTensors;
model.dispose();
console.log(`tensors freed with the model: ${before - tf.memory().numTensors}, left: ${tf.memory().numTensors}`);
