/**
 * `npx tsx test/bench/snnKernels.ts [runs]`: the SNN kernels of src/snn/kernels on the tfjs `wasm`
 * backend at the csnn-nmnist shapes (B = 32, T = 8), against the composed tfjs path and tfjs's own
 * kernels; median of `runs` (default 7) timed runs after one warm-up, in ms. Numbers only: nothing
 * here asserts a time. The composed LIF path is slow (seconds per backward): expect a few minutes.
 */
import * as tf from '@tensorflow/tfjs-core';
import { convGeometry, createNeuron, lifAvgPool2, selectBackend, spikeConv2d, triangle } from '../../src/snn/index.js';
import { avgPool2Composed, conv2dFilterGrad, conv2dInputGrad, SnnLifAvgPool2Grad } from '../../src/snn/internal.js';

const RUNS = Number(process.argv[2] ?? 7);
const T = 8;
const B = 32;
const LIF = { kind: 'lif' as const, tau: 0.5, theta: 1, reset: 'hard' as const, detachReset: false, surrogate: triangle(1) };

/** Seeded uniform floats (mulberry32), or 0/1 with P(1) = density. */
function rand(n: number, seed: number, density?: number): Float32Array {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return new Float32Array(n).map(() => (density === undefined ? next() * 2 - 0.5 : next() < density ? 1 : 0));
}

function tensor(shape: number[], seed: number, density?: number): tf.Tensor4D {
  return tf.tensor4d(rand(shape.reduce((a, b) => a * b, 1), seed, density), shape as [number, number, number, number]);
}

/** Median ms of `fn` (which returns tensors to dispose). The wasm backend runs every kernel
 * synchronously, so no read is needed to wait for completion (a read would time a heap copy). */
function medianMs(fn: () => tf.Tensor | tf.Tensor[], runs = RUNS): number {
  const ms: number[] = [];
  for (let r = 0; r <= runs; r++) {
    const t0 = performance.now();
    const out = fn();
    if (r > 0) ms.push(performance.now() - t0);
    tf.dispose(out);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)]!;
}

const rows: [string, number, string, number][] = [];
function compare(what: string, ours: () => tf.Tensor | tf.Tensor[], baseName: string, base: () => tf.Tensor | tf.Tensor[], baseRuns = RUNS): void {
  const a = medianMs(ours);
  const b = medianMs(base, baseRuns);
  rows.push([what, a, baseName, b]);
  console.log(`${what.padEnd(44)} ${a.toFixed(1).padStart(8)} ms   ${baseName.padEnd(30)} ${b.toFixed(1).padStart(8)} ms   ×${(b / a).toFixed(1)}`);
}

/** Composed LIF + pool forward and backward (the oracle), as tf.grad of Σ pooled·w. */
function composedLifPool(current: tf.Tensor4D, w: tf.Tensor): tf.Tensor[] {
  const lif = createNeuron(LIF);
  const [, H = 0, W = 0, C = 0] = current.shape;
  return [tf.grad((c: tf.Tensor) => {
    const s = lif.run(tf.reshape(c, [T, B, H, W, C])).spikes;
    return tf.sum(tf.mul(avgPool2Composed(tf.reshape(s, current.shape)), w));
  })(current)];
}

await selectBackend({ backend: 'wasm' });
console.log(`tfjs ${tf.version_core} wasm, B=${B}, T=${T}, median of ${RUNS} runs (composed LIF backward: 3 runs)`);

for (const [H, C] of [[34, 16], [17, 32]] as const) {
  const shape = [T * B, H, H, C];
  const current = tensor(shape, 1);
  const ho = Math.floor(H / 2);
  const dPooled = tensor([T * B, ho, ho, C], 2);
  const v0 = tf.zeros([B, H, H, C]);
  const dV = tf.zeros([B, H, H, C]);
  compare(`lifAvgPool2 fwd [${shape}]`, () => { const r = lifAvgPool2(current, T, LIF); return [r.pooled, r.v]; },
    'composed LIF + pool fwd', () => tf.tidy(() => {
      const s = createNeuron(LIF).run(tf.reshape(current, [T, B, H, H, C])).spikes;
      return avgPool2Composed(tf.reshape(s, shape));
    }));
  const attrs = { tau: LIF.tau, theta: LIF.theta, hardReset: true, detachReset: false, surrogate: 'triangle', gamma: 1, steps: T };
  compare(`lifAvgPool2 bwd [${shape}]`,
    () => tf.engine().runKernel(SnnLifAvgPool2Grad, { current, v0, dPooled, dV }, attrs) as tf.Tensor[],
    'composed LIF + pool fwd+bwd', () => composedLifPool(current, dPooled), 3);
  tf.dispose([current, dPooled, v0, dV]);
}

{
  const x = tensor([T * B, 34, 34, 2], 3, 0.05);
  const w = tensor([3, 3, 2, 16], 4);
  // Cin 2: spikeConv2d hands this to XNNPACK (SPARSE_MIN_CIN in wasmKernels.ts); the row shows its cost.
  compare('spikeConv2d fwd [256,34,34,2] 5 %', () => spikeConv2d(x, w, { pad: 'same' }), 'tf.conv2d (XNNPACK)', () => tf.conv2d(x, w, 1, 'same'));
  const dy = tensor([T * B, 34, 34, 16], 5);
  compare('conv1 dW: x 5 %, dy [256,34,34,16]', () => conv2dFilterGrad(x, dy, [3, 3, 2, 16], 'same'),
    'dense: 9 shifted matMuls', () => denseFilterGrad(x, dy, [3, 3, 2, 16]));
  tf.dispose([x, w, dy]);
}
{
  const x = tensor([T * B, 17, 17, 16], 6, 0.3);
  const dy = tensor([T * B, 17, 17, 32], 7);
  const w = tensor([3, 3, 16, 32], 8);
  compare('spikeConv2d fwd [256,17,17,16] 30 %', () => spikeConv2d(x, w, { pad: 'same' }), 'tf.conv2d (XNNPACK)', () => tf.conv2d(x, w, 1, 'same'));
  compare('conv2 dW: x 30 %, dy [256,17,17,32]', () => conv2dFilterGrad(x, dy, [3, 3, 16, 32], 'same'),
    'dense: 9 shifted matMuls', () => denseFilterGrad(x, dy, [3, 3, 16, 32]));
  compare('conv2 dX: conv2dInputGrad', () => conv2dInputGrad(dy, w, x.shape, 'same'), 'tfjs wasm Conv2DBackpropInput',
    () => tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter: w }, { strides: 1, pad: 'same', dataFormat: 'NHWC', inputShape: x.shape }) as tf.Tensor);
  tf.dispose([x, dy, w]);
}

/** The dense alternative to the sparse filter gradient: one matMul per tap of shifted input windows. */
function denseFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: number[]): tf.Tensor {
  return tf.tidy(() => {
    const g = convGeometry(x.shape, filterShape, 'same');
    const xp = tf.pad(x, [[0, 0], [g.pt, g.KH - 1 - g.pt], [g.pl, g.KW - 1 - g.pl], [0, 0]]);
    const dyFlat = tf.reshape(dy, [-1, g.Cout]);
    const taps: tf.Tensor[] = [];
    for (let ky = 0; ky < g.KH; ky++) {
      for (let kx = 0; kx < g.KW; kx++) {
        const win = tf.reshape(tf.slice(xp, [0, ky, kx, 0], [g.N, g.Ho, g.Wo, g.Cin]), [-1, g.Cin]);
        taps.push(tf.matMul(tf.transpose(win), dyFlat));
      }
    }
    return tf.reshape(tf.stack(taps), filterShape);
  });
}

console.log(JSON.stringify(rows.map(([what, ms, base, baseMs]) => ({ what, ms, base, baseMs }))));
