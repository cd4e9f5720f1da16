import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { buildSpiking } from '../../src/snn/layers/spiking.js';
import type { NeuronSpec } from '../../src/snn/model/spec.js';
import { expectNoLeak, Rng, TEST_BACKENDS, useBackend } from './snnHelpers.js';

const LIF: NeuronSpec = { kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: { name: 'sigmoid', gamma: 4 } };

describe.each(TEST_BACKENDS)('rate gradient (RGA) of a spiking layer, %s', (backend) => {
  it('gives every step (Σ_t dL/ds_t)·[0 < count < T]/(θ·T) and keeps the forward spikes and membrane', async () => {
    await useBackend(backend);
    await expectNoLeak(() => {
      const T = 5, B = 3, N = 7;
      const rng = new Rng(11);
      const layer = buildSpiking({ ...LIF, theta: 0.8 }, [N], 'lif');
      const current = tf.tensor2d(Array.from({ length: T * B * N }, () => rng.next() * 2.2 - 0.3), [T * B, N]);
      const weights = tf.tensor2d(Array.from({ length: T * B * N }, () => rng.next() * 2 - 1), [T * B, N]);
      const rateCtx = { T, training: false, gradient: 'rate', seed: 0 } as const;
      const grad = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(layer.forward(x, rateCtx).y, weights)))(current).arraySync() as number[][]);
      const rate = layer.forward(current, rateCtx);
      const plain = layer.forward(current, { ...rateCtx, gradient: 'surrogate' });
      const s = rate.y.arraySync() as number[][];
      expect(s).toEqual(plain.y.arraySync());
      expect(rate.v!.arraySync()).toEqual(plain.v!.arraySync());
      const w = weights.arraySync() as number[][];
      let active = 0;
      for (let b = 0; b < B; b++) {
        for (let n = 0; n < N; n++) {
          let count = 0, dsSum = 0;
          for (let t = 0; t < T; t++) { count += s[t * B + b]![n]!; dsSum += w[t * B + b]![n]!; }
          const expected = count > 0 && count < T ? dsSum / (0.8 * T) : 0;
          if (expected !== 0) active++;
          for (let t = 0; t < T; t++) expect(grad[t * B + b]![n]!).toBeCloseTo(expected, 5);
        }
      }
      expect(active).toBeGreaterThan(3); // the case is not all-silent or all-saturated
      tf.dispose([current, weights, rate.y, rate.v!, plain.y, plain.v!]);
      layer.params.forEach((p) => p.variable.dispose());
    });
  });
});
