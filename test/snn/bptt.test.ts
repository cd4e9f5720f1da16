import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { atan, createNeuron, sigmoid, triangle, type NeuronOptions } from '../../src/snn/index.js';
import { refBackward, refForward, sgSigmoid, sgTriangle, type RefNeuron } from './lifReference.js';
import { expectClose, expectNoLeak, Rng, TEST_BACKENDS, useBackend } from './snnHelpers.js';

/**
 * BPTT through the composed multi-step neuron (tf.grad) against a hand-written reverse-mode
 * reference in float64 on the same float32 forward trace (lifReference.ts). Exact gradients of
 * the surrogate model are compared — not finite differences, which would see the Heaviside's
 * zero/undefined derivative. Loss L = Σ cS·spikes + Σ cV·v_T (random weights), so the gradient
 * enters both through every spike and through the final membrane.
 * Tolerance: float32 forward/backward vs float64 reverse mode over T = 10 steps: 2e-5 absolute
 * plus 1e-4 relative (measured worst case ~1e-6 relative).
 */
const T = 10;
const STEP_SHAPE = [2, 3, 4, 2];
const N = STEP_SHAPE.reduce((a, b) => a * b, 1);
const ATOL = 2e-5;
const RTOL = 1e-4;

const common = { theta: 1, reset: 'hard', detachReset: false } as const;
const CASES: ReadonlyArray<[string, NeuronOptions, RefNeuron]> = [
  ['peer LIF (τ=0.5, hard, reset not detached, sigmoid 4)',
    { kind: 'lif', tau: 0.5, ...common, surrogate: sigmoid(4) },
    { tau: 0.5, ...common, sg: sgSigmoid(4) }],
  ['LIF detached reset, triangle 1',
    { kind: 'lif', tau: 0.75, ...common, detachReset: true, surrogate: triangle(1) },
    { tau: 0.75, ...common, detachReset: true, sg: sgTriangle(1) }],
  ['IF soft reset θ=0.6, triangle 0.5',
    { kind: 'if', ...common, theta: 0.6, reset: 'soft', surrogate: triangle(0.5) },
    { tau: 1, ...common, theta: 0.6, reset: 'soft', sg: sgTriangle(0.5) }],
];

function lossWeights(seed: number): { cS: Float32Array; cV: Float32Array; xs: Float32Array } {
  const rng = new Rng(seed);
  return { xs: rng.floats(T * N, -0.4, 1.2), cS: rng.floats(T * N, -1, 1), cV: rng.floats(N, -1, 1) };
}

function loss(run: NeuronOptions, x: tf.Tensor, cS: tf.Tensor, cV: tf.Tensor): tf.Scalar {
  const { spikes, state } = createNeuron(run).run(x);
  return tf.add(tf.sum(tf.mul(spikes, cS)), tf.sum(tf.mul(state.v, cV)));
}

describe.each(TEST_BACKENDS)('BPTT through the multi-step neuron on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(CASES)('%s: dL/dx equals the reverse-mode reference', async (_n, opts, ref) => {
    await expectNoLeak(() => {
      const { xs, cS, cV } = lossWeights(21);
      const want = refBackward(ref, refForward(ref, xs, T), cS, cV, T).gx;
      const got = tf.tidy(() => {
        const shape = [T, ...STEP_SHAPE];
        const [c, d] = [tf.tensor(cS, shape), tf.tensor(cV, STEP_SHAPE)];
        return tf.grad((x: tf.Tensor) => loss(opts, x, c, d))(tf.tensor(xs, shape)).dataSync();
      });
      expect(want.some((g) => Math.abs(g) > 0.1)).toBe(true);
      expectClose(got, want, ATOL, RTOL);
    });
  });

  it('PLIF: dL/dx and dL/dw (τ = σ(w)) equal the reference', async () => {
    await expectNoLeak(() => {
      const { xs, cS, cV } = lossWeights(5);
      const w = tf.scalar(0.4);
      const tau = tf.tidy(() => tf.sigmoid(w).dataSync()[0] ?? NaN);
      const ref: RefNeuron = { tau, ...common, sg: sgSigmoid(2) };
      const want = refBackward(ref, refForward(ref, xs, T), cS, cV, T);
      const [gx, gw] = tf.tidy(() => {
        const shape = [T, ...STEP_SHAPE];
        const [c, d] = [tf.tensor(cS, shape), tf.tensor(cV, STEP_SHAPE)];
        const f = (x: tf.Tensor, logit: tf.Tensor) =>
          loss({ kind: 'plif', tauLogit: logit, ...common, surrogate: sigmoid(2) }, x, c, d);
        return tf.grads(f)([tf.tensor(xs, shape), w]).map((g) => g.dataSync());
      });
      w.dispose();
      expectClose(gx!, want.gx, ATOL, RTOL);
      expectClose(gw!, [want.gTau * tau * (1 - tau)], ATOL, RTOL);
    });
  });

  it('a tf.Variable tauLogit receives its gradient through tf.variableGrads', async () => {
    await expectNoLeak(() => {
      const w = tf.tidy(() => tf.variable(tf.scalar(0)));
      const { xs, cS, cV } = lossWeights(9);
      const { value, grads } = tf.variableGrads(() =>
        tf.tidy(() => {
          const shape = [T, ...STEP_SHAPE];
          const opts: NeuronOptions = { kind: 'plif', tauLogit: w, ...common, surrogate: atan(2) };
          return loss(opts, tf.tensor(xs, shape), tf.tensor(cS, shape), tf.tensor(cV, STEP_SHAPE));
        }), [w]);
      const g = grads[w.name];
      expect(g?.shape).toEqual([]);
      expect(Math.abs(g?.dataSync()[0] ?? 0)).toBeGreaterThan(0);
      tf.dispose([value, g!, w]);
    });
  });
});
