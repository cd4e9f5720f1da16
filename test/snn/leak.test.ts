import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNeuron, sigmoid, triangle, type NeuronState } from '../../src/snn/index.js';
import { expectNoLeak, Rng, TEST_BACKENDS, useBackend } from './snnHelpers.js';

const STEPS = 10_000;

describe.each(TEST_BACKENDS)('streaming state on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it(`${STEPS} stateful steps leak no tensor and keep spiking`, async () => {
    await expectNoLeak(() => {
      const lif = createNeuron({ kind: 'lif', tau: 0.9, theta: 1, reset: 'soft', detachReset: true, surrogate: triangle(1) });
      const input = tf.tensor(new Rng(1).floats(2 * 16, 0, 0.3), [2, 16]);
      let state: NeuronState | undefined;
      let spikes = 0;
      let live = -1;
      for (let i = 0; i < STEPS; i++) {
        const r = lif.step(input, state);
        if (i % 1000 === 999) spikes += tf.tidy(() => tf.sum(r.spikes).dataSync()[0] ?? 0);
        r.spikes.dispose();
        state?.v.dispose();
        state = r.state;
        if (i === 99) live = tf.memory().numTensors;
      }
      expect(tf.memory().numTensors).toBe(live); // constant from step 100 to step 10,000
      expect(spikes).toBeGreaterThan(0);
      tf.dispose([input, state!.v]);
    });
  });

  it('forward + backward of a multi-step run leaves nothing behind', async () => {
    await expectNoLeak(() => {
      const lif = createNeuron({ kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: sigmoid(4) });
      const x = tf.tensor(new Rng(2).floats(6 * 2 * 3 * 3 * 2, 0, 1), [6, 2, 3, 3, 2]);
      const g = tf.grad((xs: tf.Tensor) => tf.sum(lif.run(xs).spikes))(x);
      expect(g.shape).toEqual(x.shape);
      tf.dispose([x, g]);
    });
  });
});
