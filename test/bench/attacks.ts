/**
 * `npx tsx test/bench/attacks.ts [runs]`: time of each attack of src/robust on csnn-nmnist (untrained,
 * seeded) at B = 8, T = 8, 34×34 moving bars, on the tfjs `wasm` backend; median of `runs`
 * (default 3) after one warm-up, in ms, and ms per gradient step or query. Numbers only.
 */
import * as tf from '@tensorflow/tfjs-core';
import { movingBars } from '../../src/datasets/movingBars.js';
import { buildModel, selectBackend, stackBatch, zoo } from '../../src/snn/index.js';
import { apgd, fgsm, parseGradientSettings, pgd, randomNoise, square, type AttackResult, type InputDomain } from '../../src/robust/index.js';

const RUNS = Number(process.argv[2] ?? 3);
const B = 8;
const T = 8;
await selectBackend({ backend: 'wasm', log: () => {} });
const model = buildModel(zoo('csnn-nmnist', 4), { seed: 0 });
const batch = stackBatch(movingBars({ samples: B, T, size: 34, seed: 1 }), [...Array(B).keys()]);
const labels = Int32Array.from(batch.labels.dataSync());
const x = batch.x;
const domain: InputDomain = { kind: 'unit' };

function medianMs(run: () => AttackResult): number {
  const ms: number[] = [];
  for (let r = 0; r <= RUNS; r++) {
    const t0 = performance.now();
    run().xAdv.dispose();
    if (r > 0) ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)]!;
}

console.log(`attacks on csnn-nmnist, wasm, B = ${B}, T = ${T} (median of ${RUNS})`);
for (const gradient of parseGradientSettings('triangle:1,straightThrough,rate')) {
  const rows: [string, number, number][] = [
    ['fgsm', medianMs(() => fgsm(model, x, labels, { eps: 0.1, domain, gradient })), 1],
    ['pgd 10 steps', medianMs(() => pgd(model, x, labels, { eps: 0.1, norm: 'linf', steps: 10, stepSize: 0.025, randomStart: true, restarts: 1, domain, gradient, seed: 0 })), 10],
    ['apgd 10 steps', medianMs(() => apgd(model, x, labels, { eps: 0.1, norm: 'linf', steps: 10, restarts: 1, domain, gradient, seed: 0 })), 11],
  ];
  for (const [name, ms, steps] of rows) console.log(`${gradient.label.padEnd(18)} ${name.padEnd(16)} ${ms.toFixed(0).padStart(7)} ms  ${(ms / steps).toFixed(1).padStart(7)} ms/gradient step`);
}
const sq = medianMs(() => square(model, x, labels, { eps: 0.1, queries: 50, domain, seed: 0 }));
console.log(`${'(no gradient)'.padEnd(18)} ${'square 50 q'.padEnd(16)} ${sq.toFixed(0).padStart(7)} ms  ${(sq / 51).toFixed(1).padStart(7)} ms/query pass`);
const rn = medianMs(() => randomNoise(model, x, labels, { eps: 0.1, kind: 'uniform', draws: 10, domain, seed: 0 }));
console.log(`${'(no gradient)'.padEnd(18)} ${'uniform 10 draws'.padEnd(16)} ${rn.toFixed(0).padStart(7)} ms  ${(rn / 10).toFixed(1).padStart(7)} ms/draw`);
tf.dispose([x, batch.labels]);
model.dispose();
