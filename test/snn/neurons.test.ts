import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import {
  charge, createNeuron, fire, heaviside, reset, sigmoid, triangle, type NeuronOptions,
} from '../../src/snn/index.js';
import { refForward, sgSigmoid, sgTriangle, type RefNeuron } from './lifReference.js';
import { expectNoLeak, Rng, TEST_BACKENDS, useBackend } from './snnHelpers.js';

const T = 12;
const STEP_SHAPE = [3, 4, 5, 2]; // [B, H, W, C]
const N = STEP_SHAPE.reduce((a, b) => a * b, 1);

const peerLif: NeuronOptions = {
  kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: sigmoid(4),
};
/** Each neuron config and its plain-JS twin (τ = 1 for IF). */
const CONFIGS: ReadonlyArray<[string, NeuronOptions, RefNeuron]> = [
  ['LIF τ=0.5 hard (peer)', peerLif, { tau: 0.5, theta: 1, reset: 'hard', detachReset: false, sg: sgSigmoid(4) }],
  ['LIF τ=0.8 soft θ=0.7', { ...peerLif, tau: 0.8, theta: 0.7, reset: 'soft' },
    { tau: 0.8, theta: 0.7, reset: 'soft', detachReset: false, sg: sgSigmoid(4) }],
  ['IF hard', { kind: 'if', theta: 1, reset: 'hard', detachReset: true, surrogate: triangle(1) },
    { tau: 1, theta: 1, reset: 'hard', detachReset: true, sg: sgTriangle(1) }],
];

describe.each(TEST_BACKENDS)('neurons on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('charge, fire, reset apart', async () => {
    await expectNoLeak(() => {
      const v = tf.tensor1d([0, 0.5, 1.25, -0.5]);
      const x = tf.tensor1d([0.5, 0.75, 0, 2]);
      const h = charge(v, x, 0.5);
      expect(Array.from(h.dataSync())).toEqual([0.5, 1, 0.625, 1.75]);
      const s = fire(h, 1, heaviside(triangle(1)));
      expect(Array.from(s.dataSync())).toEqual([0, 1, 0, 1]);
      const hard = reset(h, s, { mode: 'hard', theta: 1, detach: false });
      const soft = reset(h, s, { mode: 'soft', theta: 1, detach: true });
      expect(Array.from(hard.dataSync())).toEqual([0.5, 0, 0.625, 0]);
      expect(Array.from(soft.dataSync())).toEqual([0.5, 0, 0.625, 0.75]);
      const ifH = charge(v, x, null);
      expect(Array.from(ifH.dataSync())).toEqual([0.5, 1.25, 1.25, 1.5]);
      tf.dispose([v, x, h, s, hard, soft, ifH]);
    });
  });

  it.each(CONFIGS)('%s: multi-step forward equals the plain-JS loop bit for bit', async (_n, opts, ref) => {
    await expectNoLeak(() => {
      const xs = new Rng(7).floats(T * N, -0.5, 1.5);
      const want = refForward(ref, xs, T);
      const x = tf.tensor(xs, [T, ...STEP_SHAPE]);
      const { spikes, state } = createNeuron(opts).run(x);
      expect(spikes.shape).toEqual([T, ...STEP_SHAPE]);
      expect(Array.from(spikes.dataSync())).toEqual(Array.from(want.s));
      expect(Array.from(state.v.dataSync())).toEqual(Array.from(want.v));
      const rate = want.s.reduce((a, b) => a + b, 0) / want.s.length;
      expect(rate).toBeGreaterThan(0.05); // the case exercises spikes and resets
      tf.dispose([x, spikes, state.v]);
    });
  });

  it('PLIF with τ = σ(w) equals LIF with that τ', async () => {
    await expectNoLeak(() => {
      const w = tf.scalar(0.3);
      const x = tf.tensor(new Rng(3).floats(T * N, -0.5, 1.5), [T, ...STEP_SHAPE]);
      const tau = tf.tidy(() => tf.sigmoid(w).dataSync()[0] ?? NaN);
      const p = createNeuron({ ...peerLif, kind: 'plif', tauLogit: w }).run(x);
      const l = createNeuron({ ...peerLif, tau }).run(x);
      expect(Array.from(p.spikes.dataSync())).toEqual(Array.from(l.spikes.dataSync()));
      tf.dispose([w, x, p.spikes, p.state.v, l.spikes, l.state.v]);
    });
  });

  it('step by step, and run split in two with the state carried, equal one run', async () => {
    await expectNoLeak(() => {
      const lif = createNeuron(peerLif);
      const x = tf.tensor(new Rng(11).floats(T * N, -0.5, 1.5), [T, ...STEP_SHAPE]);
      const whole = lif.run(x);
      const [a, b] = tf.split(x, [5, T - 5]);
      const first = lif.run(a!);
      const second = lif.run(b!, first.state);
      const joined = tf.concat([first.spikes, second.spikes]);
      expect(Array.from(joined.dataSync())).toEqual(Array.from(whole.spikes.dataSync()));
      expect(Array.from(second.state.v.dataSync())).toEqual(Array.from(whole.state.v.dataSync()));
      let state = undefined;
      const steps = tf.unstack(x);
      for (const [t, xt] of steps.entries()) {
        const r: ReturnType<typeof lif.step> = lif.step(xt, state);
        const want = tf.tidy(() => tf.squeeze(tf.slice(whole.spikes, t, 1), [0]));
        expect(Array.from(r.spikes.dataSync())).toEqual(Array.from(want.dataSync()));
        if (state) state.v.dispose();
        state = r.state;
        tf.dispose([r.spikes, want]);
      }
      tf.dispose([x, whole.spikes, whole.state.v, a!, b!, first.spikes, first.state.v]);
      tf.dispose([second.spikes, second.state.v, joined, ...steps, state!.v]);
    });
  });

  it('rejects bad shapes without leaking', async () => {
    await expectNoLeak(() => {
      const lif = createNeuron(peerLif);
      const x = tf.zeros([4, 2, 3]);
      const v = tf.zeros([2, 4]);
      expect(() => lif.run(x, { v })).toThrow(/state shape \[2, 4\] differs from input step shape \[2, 3\]/);
      const flat = tf.zeros([3]);
      expect(() => lif.run(flat)).toThrow(ConfigError);
      tf.dispose([x, v, flat]);
    });
  });
});

describe('neuron options', () => {
  it('are checked once, with no defaults for reset and detachReset', () => {
    expect(() => createNeuron({ ...peerLif, tau: 0 })).toThrow(/tau must be in \(0, 1\]/);
    expect(() => createNeuron({ ...peerLif, tau: 1.5 })).toThrow(ConfigError);
    expect(() => createNeuron({ ...peerLif, theta: 0 })).toThrow(/theta must be > 0/);
    const noDetach = { ...peerLif, detachReset: undefined } as unknown as NeuronOptions;
    expect(() => createNeuron(noDetach)).toThrow(/detachReset must be given/);
  });
});
