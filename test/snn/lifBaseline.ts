/**
 * One-off baseline (not a test, no timing assertion): the composed LIF multi-step
 * forward + backward (tf.grad) on a [T=8, B=32, C=16, 34, 34] input — layer 1 of the peer's
 * csnn-nmnist at B=32, T=8 — per backend. The fused kernels must beat these numbers.
 * Run: npx tsx test/snn/lifBaseline.ts [iters=3] [backend...]
 */
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import { createNeuron, selectBackend, sigmoid, type BackendName } from '../../src/snn/index.js';
import { Rng } from './snnHelpers.js';

const SHAPE = [8, 32, 16, 34, 34];
const iters = Number(process.argv[2] ?? 3);
const backends = (process.argv.slice(3).length > 0 ? process.argv.slice(3) : ['wasm', 'cpu']) as BackendName[];

const lif = createNeuron({ kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: sigmoid(4) });
const n = SHAPE.reduce((a, b) => a * b, 1);
const currents = new Rng(0).floats(n, -0.5, 1.5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

for (const backend of backends) {
  await selectBackend({ backend, log: () => {} });
  const x = tf.tensor(currents, SHAPE);
  const fwd: number[] = [];
  const fb: number[] = [];
  let rate = 0;
  for (let i = 0; i <= iters; i++) {
    let t0 = performance.now();
    const s = tf.tidy(() => lif.run(x).spikes);
    rate = tf.tidy(() => tf.mean(s).dataSync()[0] ?? NaN);
    s.dispose();
    if (i > 0) fwd.push(performance.now() - t0);
    t0 = performance.now();
    const g = tf.grad((xs: tf.Tensor) => tf.sum(lif.run(xs).spikes))(x);
    g.dataSync();
    g.dispose();
    if (i > 0) fb.push(performance.now() - t0); // i = 0 is warm-up
  }
  x.dispose();
  console.log(JSON.stringify({ impl: 'tfjs-composed-lif', backend, shape: SHAPE, iters, spike_rate: rate,
    forward_ms: Math.round(median(fwd)), forward_backward_ms: Math.round(median(fb)), tensors: tf.memory().numTensors }));
}
