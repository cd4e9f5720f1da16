import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { fire, heaviside, surrogateOf, SURROGATE_NAMES, sigmoid, type Surrogate } from '../../src/snn/index.js';
import { expectClose, expectNoLeak, TEST_BACKENDS, useBackend } from './snnHelpers.js';

/**
 * Points u = −2.97 + 0.1k: every kink of the surrogates tested (0, ±γ/2, ±γ for γ ∈ {0.5, 1, 2})
 * is a multiple of 0.05, so no point is within 0.02 > 2·H of one and central differences of
 * `smooth` see only one smooth piece.
 */
const U = Array.from({ length: 60 }, (_, k) => -2.97 + 0.1 * k);
const H = 2e-3;
/**
 * Tolerance of grad vs (smooth(u+H) − smooth(u−H)) / 2H, both in float32: rounding ≤ 2·6e-8/2H ≈ 3e-5
 * plus truncation H²·|smooth'''|/6 ≤ 4e-6·|g'''| (largest for sigmoid γ=8: |g'''| ≤ 64·… ≈ 40 → 2e-4).
 * So 5e-4 absolute, plus 1e-3 of the value.
 */
const ATOL = 5e-4;
const RTOL = 1e-3;

function finiteDifference(sg: Surrogate): Float32Array {
  return tf.tidy(() => {
    const up = sg.smooth(tf.add(tf.tensor1d(U), H));
    const dn = sg.smooth(tf.sub(tf.tensor1d(U), H));
    return tf.div(tf.sub(up, dn), 2 * H).dataSync() as Float32Array;
  });
}

const CASES: ReadonlyArray<[string, number | undefined]> = SURROGATE_NAMES.flatMap((n) => [
  [n, undefined],
  [n, n === 'sigmoid' ? 8 : n === 'atan' ? 4 : 0.5],
  [n, 2],
]);

describe.each(TEST_BACKENDS)('surrogates on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(CASES)('%s(γ=%s): grad equals central differences of smooth', async (name, gamma) => {
    await expectNoLeak(() => {
      const sg = surrogateOf(name, gamma);
      const fd = finiteDifference(sg);
      const g = tf.tidy(() => sg.grad(tf.tensor1d(U)).dataSync());
      expectClose(g, fd, ATOL, RTOL);
    });
  });

  it.each(SURROGATE_NAMES)('%s: default γ gives unit peak, smooth rises 0 → 1', async (name) => {
    await expectNoLeak(() => {
      const sg = surrogateOf(name);
      const peak = tf.tidy(() => sg.grad(tf.scalar(0)).dataSync()[0]);
      expect(peak).toBeCloseTo(1, 6);
      const ends = tf.tidy(() => sg.smooth(tf.tensor1d([-1e4, 0, 1e4])).dataSync());
      expectClose(ends, [0, 0.5, 1], 2e-4, 0);
    });
  });

  it('sigmoid(4) is the torch peer surrogate α·σ(αu)(1 − σ(αu)), α = 4', async () => {
    await expectNoLeak(() => {
      const us = [-1, -0.25, 0, 0.3, 2];
      const want = us.map((u) => 4 / (1 + Math.exp(-4 * u)) * (1 - 1 / (1 + Math.exp(-4 * u))));
      expectClose(tf.tidy(() => sigmoid(4).grad(tf.tensor1d(us)).dataSync()), want, 1e-6, 1e-5);
    });
  });

  it('heaviside fires at u ≥ 0 — a membrane exactly at θ spikes (the torch peer uses u > 0)', async () => {
    await expectNoLeak(() => {
      const H0 = heaviside(sigmoid(4));
      const s = tf.tidy(() => H0(tf.tensor1d([-1, -1e-7, 0, 1e-7, 1])).dataSync());
      expect(Array.from(s)).toEqual([0, 0, 1, 1, 1]);
      // fire(h = θ): spike; the peer's (v − θ > 0) would not.
      const atTheta = tf.tidy(() => fire(tf.tensor1d([0.999999, 1, 1.5]), 1, H0).dataSync());
      expect(Array.from(atTheta)).toEqual([0, 1, 1]);
    });
  });

  it.each(SURROGATE_NAMES)('%s: the gradient of heaviside is dy · surrogate.grad(u)', async (name) => {
    await expectNoLeak(() => {
      const sg = surrogateOf(name);
      const Hs = heaviside(sg);
      const dy = tf.tensor1d(U.map((_, i) => 0.5 + (i % 7) / 7));
      const got = tf.tidy(() => tf.grad((u: tf.Tensor) => Hs(u))(tf.tensor1d(U), dy).dataSync());
      const want = tf.tidy(() => tf.mul(dy, sg.grad(tf.tensor1d(U))).dataSync());
      dy.dispose();
      expect(Array.from(got)).toEqual(Array.from(want));
    });
  });
});

describe('surrogate options', () => {
  it('rejects unknown names and non-positive γ', () => {
    expect(() => surrogateOf('erf')).toThrow(ConfigError);
    expect(() => surrogateOf('triangle', 0)).toThrow(/gamma must be finite and > 0/);
    expect(() => surrogateOf('atan', Number.NaN)).toThrow(ConfigError);
  });
});
