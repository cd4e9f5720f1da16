import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, it } from 'vitest';
import '../../src/snn/index.js';
import { expectClose, expectNoLeak, Rng, TEST_BACKENDS, useBackend } from './snnHelpers.js';

/**
 * Each hand-registered gradient against central finite differences of `sum(op(x)·R)` (R fixed
 * random weights, so every output element matters), in float32 with a step where the ops are
 * smooth. Linear ops are checked to ~1e-3; smooth nonlinear ones to ~1e-2.
 */
type Case = {
  name: string;
  shapes: number[][];
  op: (...xs: tf.Tensor[]) => tf.Tensor;
  lo?: number;
  hi?: number;
};

const CASES: Case[] = [
  { name: 'conv2d same', shapes: [[2, 5, 5, 3], [3, 3, 3, 4]], op: (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same') },
  { name: 'conv2d valid stride 2', shapes: [[1, 6, 6, 2], [3, 3, 2, 3]], op: (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'valid') },
  { name: 'avgPool 2 (odd size floors)', shapes: [[2, 5, 5, 3]], op: (x) => tf.avgPool(x as tf.Tensor4D, 2, 2, 'valid') },
  { name: 'maxPool 2', shapes: [[2, 4, 4, 2]], op: (x) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid') },
  { name: 'matMul', shapes: [[3, 4], [4, 5]], op: (a, b) => tf.matMul(a!, b!) },
  { name: 'matMul Aᵀ', shapes: [[4, 3], [4, 5]], op: (a, b) => tf.matMul(a!, b!, true, false) },
  { name: 'matMul Bᵀ', shapes: [[3, 4], [5, 4]], op: (a, b) => tf.matMul(a!, b!, false, true) },
  { name: 'matMul AᵀBᵀ', shapes: [[4, 3], [5, 4]], op: (a, b) => tf.matMul(a!, b!, true, true) },
  { name: 'mean over axis 0', shapes: [[4, 3, 2]], op: (x) => tf.mean(x!, 0) },
  { name: 'transpose', shapes: [[2, 3, 4]], op: (x) => tf.transpose(x!, [2, 0, 1]) },
  { name: 'div (broadcast)', shapes: [[3, 4], [4]], op: (a, b) => tf.div(a!, b!), lo: 0.5, hi: 2 },
  { name: 'squaredDifference', shapes: [[3, 4], [3, 4]], op: (a, b) => tf.squaredDifference(a!, b!) },
  { name: 'maximum/minimum', shapes: [[3, 4], [3, 4]], op: (a, b) => tf.add(tf.maximum(a!, b!), tf.minimum(a!, b!)) },
  { name: 'neg, exp, log', shapes: [[3, 4]], op: (x) => tf.add(tf.neg(tf.exp(x!)), tf.log(x!)), lo: 0.5, hi: 2 },
  { name: 'sqrt, rsqrt, square', shapes: [[3, 4]], op: (x) => tf.add(tf.add(tf.sqrt(x!), tf.rsqrt(x!)), tf.square(x!)), lo: 0.5, hi: 2 },
  { name: 'tanh, softplus, atan, relu, abs', shapes: [[3, 4]],
    op: (x) => tf.addN([tf.tanh(x!), tf.softplus(x!), tf.atan(x!), tf.relu(x!), tf.abs(x!)]) },
  { name: 'logSoftmax', shapes: [[3, 5]], op: (x) => tf.logSoftmax(x!) },
  { name: 'tile, slice, concat', shapes: [[2, 3]],
    op: (x) => tf.concat([tf.tile(x!, [1, 2]), tf.slice(x!, [0, 1], [2, 2])], 1) },
  { name: 'clipByValue, where', shapes: [[3, 4]],
    op: (x) => tf.where(tf.greater(x!, 0), tf.clipByValue(x!, -0.5, 0.5), tf.mul(x!, 3)) },
  { name: 'moments (batch norm core)', shapes: [[4, 3]],
    op: (x) => { const m = tf.moments(x!, 0); return tf.div(tf.sub(x!, m.mean), tf.sqrt(tf.add(m.variance, 0.1))); } },
];

function finiteDifference(f: (xs: tf.Tensor[]) => tf.Scalar, xs: tf.Tensor[], which: number, eps: number): Float32Array {
  const base = xs[which]!.dataSync().slice();
  const out = new Float32Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const at = (delta: number): number => tf.tidy(() => {
      const v = base.slice();
      v[i] = v[i]! + delta;
      const moved = xs.map((x, k) => (k === which ? tf.tensor(v, x.shape) : x));
      return f(moved).dataSync()[0]!;
    });
    out[i] = (at(eps) - at(-eps)) / (2 * eps);
  }
  return out;
}

describe.each(TEST_BACKENDS)('registered layer gradients on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(CASES)('$name', async (c) => {
    const rng = new Rng(7);
    const xs = c.shapes.map((s) => tf.tensor(rng.floats(s.reduce((a, b) => a * b, 1), c.lo ?? -1, c.hi ?? 1), s));
    const probe = tf.tidy(() => c.op(...xs));
    const weights = tf.tensor(rng.floats(probe.size, -1, 1), probe.shape);
    probe.dispose();
    const f = (ins: tf.Tensor[]): tf.Scalar => tf.sum(tf.mul(c.op(...ins), weights));
    await expectNoLeak(() => {
      const grads = tf.grads((...ins: tf.Tensor[]) => f(ins))(xs);
      grads.forEach((g, k) => {
        const fd = finiteDifference(f, xs, k, 1e-2);
        expectClose(g.dataSync(), fd, 2e-2, 2e-2);
        g.dispose();
      });
    });
    [...xs, weights].forEach((t) => t.dispose());
  });
});
