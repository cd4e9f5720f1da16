/**
 * Numbers for the event-level attacks (no assertions):
 * `npx tsx test/robust/events/measureEventAttacks.ts [backend=wasm] [arch=csnn-nmnist] [samples=8]`.
 * Untrained model (seed 0), synthetic 600-event recordings on 34×34, 4 time bins, counts,
 * budget 150 events; prints success rate, mean L0 of the fooled, forward passes and ms per sample.
 */
import * as tf from '@tensorflow/tfjs-core';
import { seededRng } from '../../../src/events/seededRng.js';
import type { EventAttackResult } from '../../../src/robust/events/EventAttack.js';
import { gradientEventAttack } from '../../../src/robust/events/gradientEventAttack.js';
import { randomEventAttack } from '../../../src/robust/events/randomEventAttack.js';
import { summarizeEventAttacks } from '../../../src/robust/events/summarizeEventAttacks.js';
import { type BackendName, type ForwardOptions, atan, buildModel, parseBackendName, selectBackend, zoo } from '../../../src/snn/index.js';
import { binSample } from '../../../src/transforms/binSample.js';
import { blobRecording } from './eventFixtures.js';

const backend: BackendName = parseBackendName(process.argv[2] ?? 'wasm');
const arch = process.argv[3] ?? 'csnn-nmnist';
const samples = Number(process.argv[4] ?? 8);
await selectBackend({ backend, log: () => {} });
const model = buildModel(zoo(arch), { seed: 0 });
const binning = { n: 4, edges: 'inclusive', width: 34, height: 34 } as const;
const recordings = Array.from({ length: samples }, (_, s) => blobRecording(s, 600));
const labels = recordings.map((ev) => tf.tidy(() => {
  const x = binSample(ev, { by: 'time', n: 4, edges: 'inclusive' }, { width: 34, height: 34 }).data;
  return tf.argMax(model.forward(tf.tensor5d(x, [4, 1, 34, 34, 2])), 1).dataSync()[0]!;
}));

type Attack = (o: { label: number; rng: ReturnType<typeof seededRng> }, i: number) => EventAttackResult;
const common = { budget: 150, binning };
const runs: [string, Attack][] = [
  ...([['gradient atan:2', { surrogate: atan(2) }], ['gradient rate', { gradient: 'rate' }]] as [string, ForwardOptions][])
    .map(([name, forward]): [string, Attack] => [name, (o, i) => gradientEventAttack(model, recordings[i]!, { ...common, ...o, forward })]),
  ['random', (o, i) => randomEventAttack(model, recordings[i]!, { ...common, ...o, forward: {} })],
];
console.log(`${arch} on ${backend}, ${samples} recordings, budget 150 events`);
for (const [name, attack] of runs) {
  const t0 = performance.now();
  const results = labels.map((label, i) => attack({ label, rng: seededRng(i) }, i));
  const ms = (performance.now() - t0) / samples;
  const s = summarizeEventAttacks(results);
  const queries = results.reduce((q, r) => q + r.queries, 0) / samples;
  console.log(`${name.padEnd(16)} success ${(100 * s.successRate).toFixed(0)} %  mean L0 (fooled) ${s.meanL0Fooled.toFixed(1)}  `
    + `L0 ${JSON.stringify(s.l0)}  forward passes ${queries.toFixed(0)}  ${ms.toFixed(0)} ms/sample`);
}
model.dispose();
