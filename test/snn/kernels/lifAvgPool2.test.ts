import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { avgPool2Composed, hasFastPath, lifAvgPool2, SnnLifAvgPool2 } from '../../../src/snn/kernels/index.js';
import { expectClose, expectNoLeak, Rng, TEST_BACKENDS, useBackend } from '../snnHelpers.js';
import { composedLif, LIF_CASES, valuesAndGrads } from './kernelTestUtils.js';

/**
 * [T, B, H, W, C]: odd H and W (last row/column integrate, not pooled), C not a multiple of 4, even;
 * C a multiple of 16 (the backward's per-pixel path), with odd and even H and W.
 */
const SHAPES = [[3, 2, 5, 7, 6], [2, 1, 4, 4, 8], [2, 2, 5, 7, 16], [3, 1, 4, 4, 32]] as const;

describe.each(TEST_BACKENDS)('lifAvgPool2 on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('runs the fused kernel; the composed pool equals tf.avgPool', () => {
    expect(hasFastPath(SnnLifAvgPool2)).toBe(true);
    tf.tidy(() => {
      const x = tf.tensor(new Rng(1).floats(2 * 5 * 7 * 3, 0, 1), [2, 5, 7, 3]);
      expectClose(avgPool2Composed(x).dataSync(), tf.avgPool(x as tf.Tensor4D, 2, 2, 'valid').dataSync(), 1e-7, 1e-6);
    });
  });

  describe.each(SHAPES)('[T,B,H,W,C] = [%i,%i,%i,%i,%i]', (T, B, H, W, C) => {
    it.each(LIF_CASES)('%s: equals composed LIF + pool in values and gradients', async (_name, o) => {
      await expectNoLeak(() => {
        const rng = new Rng(11);
        const n = T * B * H * W * C;
        const stepShape = [B, H, W, C];
        const pooledSize = T * B * Math.floor(H / 2) * Math.floor(W / 2) * C;
        const current = tf.tensor(rng.floats(n, -0.6, 1.4), [T * B, H, W, C]);
        const v0 = tf.tensor(rng.floats(n / T, -0.5, 0.9), stepShape);
        const wp = tf.tensor(rng.floats(pooledSize, -1, 1), [T * B, Math.floor(H / 2), Math.floor(W / 2), C]);
        const wv = tf.tensor(rng.floats(n / T, -1, 1), stepShape);
        const fast = valuesAndGrads((c, v) => {
          const r = lifAvgPool2(c as tf.Tensor4D, T, o, v as tf.Tensor4D);
          return [r.pooled, r.v];
        }, [current, v0], wp, wv);
        const slow = valuesAndGrads((c, v) => {
          const r = composedLif(tf.reshape(c!, [T, ...stepShape]), o, v);
          return [avgPool2Composed(tf.reshape(r.spikes, c!.shape)), r.v];
        }, [current, v0], wp, wv);
        expect(Array.from(fast.a)).toEqual(Array.from(slow.a));
        expect(fast.a.some((s) => s > 0)).toBe(true);
        expectClose(fast.b, slow.b, 1e-6, 1e-6);
        expectClose(fast.grads[0]!, slow.grads[0]!, 1e-6, 1e-5);
        expectClose(fast.grads[1]!, slow.grads[1]!, 1e-6, 1e-5);
        tf.dispose([current, v0, wp, wv]);
      });
    });
  });

  it('rejects a batch that is not a multiple of T, and a wrong v0', () => {
    const o = LIF_CASES[0]![1];
    tf.tidy(() => {
      expect(() => lifAvgPool2(tf.zeros([5, 4, 4, 2]), 2, o)).toThrow(ConfigError);
      expect(() => lifAvgPool2(tf.zeros([4, 4, 4, 2]), 2, o, tf.zeros([2, 4, 4, 3]))).toThrow(ConfigError);
      expect(() => lifAvgPool2(tf.zeros([4, 4, 4, 2]), 0, o)).toThrow(ConfigError);
    });
  });
});
