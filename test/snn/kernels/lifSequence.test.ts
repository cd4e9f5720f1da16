import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { hasFastPath, lifSequence, SnnLif } from '../../../src/snn/kernels/index.js';
import { triangle } from '../../../src/snn/index.js';
import { expectClose, expectNoLeak, Rng, TEST_BACKENDS, useBackend } from '../snnHelpers.js';
import { composedLif, LIF_CASES, valuesAndGrads } from './kernelTestUtils.js';

const SHAPE = [6, 2, 3, 7]; // T = 6, N = 42: not a multiple of 4, so the SIMD tails run too

describe.each(TEST_BACKENDS)('lifSequence on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('runs the fused kernel (not the composed fallback)', () => {
    expect(hasFastPath(SnnLif)).toBe(true);
  });

  it.each(LIF_CASES)('%s: equals the composed LIF in values and gradients', async (_name, o) => {
    await expectNoLeak(() => {
      const rng = new Rng(7);
      const n = SHAPE.reduce((a, b) => a * b, 1);
      const current = tf.tensor(rng.floats(n, -0.6, 1.4), SHAPE);
      const v0 = tf.tensor(rng.floats(n / 6, -0.5, 0.9), SHAPE.slice(1));
      const ws = tf.tensor(rng.floats(n, -1, 1), SHAPE);
      const wv = tf.tensor(rng.floats(n / 6, -1, 1), SHAPE.slice(1));
      const fast = valuesAndGrads((c, v) => { const r = lifSequence(c!, o, v); return [r.spikes, r.v]; }, [current, v0], ws, wv);
      const slow = valuesAndGrads((c, v) => { const r = composedLif(c!, o, v); return [r.spikes, r.v]; }, [current, v0], ws, wv);
      expect(Array.from(fast.a)).toEqual(Array.from(slow.a)); // spikes bit for bit
      expect(fast.a.some((s) => s === 1) && fast.a.some((s) => s === 0)).toBe(true);
      expectClose(fast.b, slow.b, 1e-6, 1e-6);
      expectClose(fast.grads[0]!, slow.grads[0]!, 1e-6, 1e-5);
      expectClose(fast.grads[1]!, slow.grads[1]!, 1e-6, 1e-5);
      tf.dispose([current, v0, ws, wv]);
    });
  });

  it('starts from v0 = 0 when none is given, and streams: two halves equal one run', async () => {
    await expectNoLeak(() => {
      const o = LIF_CASES[0]![1];
      const current = tf.tensor(new Rng(3).floats(8 * 10, 0, 1), [8, 10]);
      const whole = lifSequence(current, o);
      const [c1, c2] = tf.split(current, 2);
      const first = lifSequence(c1!, o);
      const second = lifSequence(c2!, o, first.v);
      const joined = tf.tidy(() => Array.from(tf.concat([first.spikes, second.spikes]).dataSync()));
      expect(joined).toEqual(Array.from(whole.spikes.dataSync()));
      expect(Array.from(second.v.dataSync())).toEqual(Array.from(whole.v.dataSync()));
      tf.dispose([current, whole.spikes, whole.v, c1!, c2!, first.spikes, first.v, second.spikes, second.v]);
    });
  });

  it('rejects bad shapes and options with a ConfigError', () => {
    const o = { kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: triangle() } as const;
    tf.tidy(() => {
      const x = tf.zeros([3, 4]);
      expect(() => lifSequence(tf.zeros([4]), o)).toThrow(ConfigError);
      expect(() => lifSequence(x, o, tf.zeros([5]))).toThrow(ConfigError);
      expect(() => lifSequence(x, { ...o, tau: 1.5 })).toThrow(ConfigError);
      expect(() => lifSequence(tf.zeros([3, 4], 'int32'), o)).toThrow(ConfigError);
    });
  });
});
