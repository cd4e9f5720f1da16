import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNeuron, lifAvgPool2, lifSequence, straightThrough, surrogateOf } from '../../src/snn/index.js';
import { expectClose, expectNoLeak, Rng, TEST_BACKENDS, useBackend } from './snnHelpers.js';

const OPTIONS = { kind: 'lif' as const, tau: 0.5, theta: 1, reset: 'hard' as const, detachReset: false, surrogate: straightThrough() };

describe.each(TEST_BACKENDS)('straight-through surrogate on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('grad is 1 on |u| ≤ γ and 0 outside; surrogateOf builds it', async () => {
    await expectNoLeak(() => {
      const g = tf.tidy(() => surrogateOf('straightThrough', 0.5).grad(tf.tensor1d([-2, -0.5, -0.1, 0, 0.4, 0.6])).dataSync());
      expect(Array.from(g)).toEqual([0, 1, 1, 1, 1, 0]);
    });
  });

  it('the fused LIF kernels give the composed ops\' gradients, |u| = γ included', async () => {
    await expectNoLeak(() => {
      const current = tf.tensor(new Rng(3).floats(4 * 2 * 4 * 4 * 3, -0.5, 1.5), [4, 2, 4, 4, 3]);
      const weights = tf.tidy(() => tf.reshape(tf.range(0, current.size), current.shape)); // distinct per cell
      const composed = createNeuron(OPTIONS);
      const gComposed = tf.grad((c: tf.Tensor) => tf.sum(tf.mul(composed.run(c).spikes, weights)))(current);
      const gSeq = tf.grad((c: tf.Tensor) => tf.sum(tf.mul(lifSequence(c, OPTIONS).spikes, weights)))(current);
      expectClose(gSeq.dataSync(), gComposed.dataSync(), 1e-5, 1e-5);
      // first step from v = 0: u = I − θ, so I = 0 and I = 2 sit exactly on |u| = γ = 1 (gradient 1, as the composed ops)
      const edge = tf.tensor([0, 2, 2.0001, -0.0001], [1, 1, 1, 1, 4]);
      const gEdge = tf.grad((c: tf.Tensor) => tf.sum(lifSequence(c, OPTIONS).spikes))(edge);
      expect(Array.from(gEdge.dataSync())).toEqual([1, 1, 0, 0]);
      tf.dispose([edge, gEdge]);
      const folded = tf.reshape(current, [8, 4, 4, 3]) as tf.Tensor4D;
      const gPool = tf.grad((c: tf.Tensor) => tf.sum(lifAvgPool2(c as tf.Tensor4D, 4, OPTIONS).pooled))(folded);
      expect(tf.tidy(() => tf.sum(tf.abs(gPool)).dataSync()[0]!)).toBeGreaterThan(0);
      tf.dispose([current, weights, gComposed, gSeq, folded, gPool]);
    });
  });
});
