import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import {
  conv2dFilterGrad, conv2dInputGrad, convGeometry, hasFastPath, SnnConv2dFilterGrad, SnnSpikeConv2d, spikeConv2d,
} from '../../../src/snn/kernels/index.js';
import { expectClose, expectNoLeak, Rng, TEST_BACKENDS, useBackend } from '../snnHelpers.js';

/**
 * [x shape, filter shape, pad, density of non-zero inputs]: odd Cout (SIMD tails), even kernels, dense;
 * Cout 16 and 32 (the kernels' unrolled widths); Cin 37 (two 32-channel masks, the second with a tail).
 * On wasm, Cin < 8 or density > 0.5 runs XNNPACK's Conv2D instead (the last case by its density).
 */
const CASES = [
  [[2, 9, 8, 2], [3, 3, 2, 6], 'same', 0.1],
  [[2, 9, 8, 3], [3, 3, 3, 8], 'valid', 0.3],
  [[1, 6, 7, 2], [2, 3, 2, 5], 'same', 0.5],
  [[1, 5, 5, 4], [3, 3, 4, 4], 'same', 1],
  [[2, 7, 6, 16], [3, 3, 16, 32], 'same', 0.3],
  [[1, 5, 6, 3], [3, 3, 3, 16], 'valid', 0.5],
  [[1, 4, 5, 37], [3, 3, 37, 16], 'same', 0.4],
  [[2, 5, 5, 16], [3, 3, 16, 8], 'same', 0.9],
] as const;

/** Binary-ish sparse input: 0 with probability 1 − density, else 1 or a random value (any value is exact). */
function sparseInput(shape: readonly number[], density: number, rng: Rng): tf.Tensor4D {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n).map(() => (rng.next() < density ? (rng.next() < 0.5 ? 1 : rng.next() * 2 - 1) : 0));
  return tf.tensor4d(v, shape as [number, number, number, number]);
}

/** dW by shifted windows and matMul: forward ops only, so it runs on any backend. */
function filterGradOracle(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: readonly number[], pad: 'same' | 'valid'): tf.Tensor {
  return tf.tidy(() => {
    const g = convGeometry(x.shape, filterShape, pad);
    const xp = tf.pad(x, [[0, 0], [g.pt, g.KH - 1 - g.pt + g.Ho - g.H + 0], [g.pl, g.KW - 1 - g.pl + g.Wo - g.W], [0, 0]].map(
      ([a, b]) => [a!, Math.max(0, b!)]) as [number, number][]);
    const dyFlat = tf.reshape(dy, [-1, g.Cout]);
    const taps: tf.Tensor[] = [];
    for (let ky = 0; ky < g.KH; ky++) {
      for (let kx = 0; kx < g.KW; kx++) {
        const win = tf.reshape(tf.slice(xp, [0, ky, kx, 0], [g.N, g.Ho, g.Wo, g.Cin]), [-1, g.Cin]);
        taps.push(tf.matMul(win, dyFlat, true, false));
      }
    }
    return tf.reshape(tf.stack(taps), filterShape as number[]);
  });
}

describe.each(TEST_BACKENDS)('event-driven conv on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('runs the kernels natively', () => {
    expect(hasFastPath(SnnSpikeConv2d) && hasFastPath(SnnConv2dFilterGrad)).toBe(true);
    expect(tf.getKernel(tf.Conv2DBackpropFilter, backend)).toBeDefined();
  });

  it.each(CASES)('x %j * w %j (%s, density %f): forward equals tf.conv2d', async (xs, ws, pad, density) => {
    await expectNoLeak(() => {
      const rng = new Rng(5);
      const x = sparseInput(xs, density, rng);
      const w = tf.tensor4d(rng.floats(ws.reduce((a, b) => a * b, 1), -1, 1), ws as unknown as [number, number, number, number]);
      const y = spikeConv2d(x, w, { pad });
      const want = tf.conv2d(x, w, 1, pad);
      expect(y.shape).toEqual(want.shape);
      expectClose(y.dataSync(), want.dataSync(), 1e-5, 1e-5);
      tf.dispose([x, w, y, want]);
    });
  });

  it.each(CASES)('x %j * w %j (%s, density %f): gradients equal the oracles', async (xs, ws, pad, density) => {
    await expectNoLeak(() => {
      const rng = new Rng(9);
      const x = sparseInput(xs, density, rng);
      const w = tf.tensor4d(rng.floats(ws.reduce((a, b) => a * b, 1), -1, 1), ws as unknown as [number, number, number, number]);
      const g = convGeometry(x.shape, w.shape, pad);
      const dy = tf.tensor4d(rng.floats(g.N * g.Ho * g.Wo * g.Cout, -1, 1), [g.N, g.Ho, g.Wo, g.Cout]);
      const { value, grads } = tf.valueAndGrads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(spikeConv2d(a as tf.Tensor4D, b as tf.Tensor4D, { pad }), dy)))([x, w]);
      const dwWant = filterGradOracle(x, dy, ws, pad);
      const dxWant = tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter: w },
        { strides: 1, pad, dataFormat: 'NHWC', inputShape: [...xs] }) as tf.Tensor;
      expectClose(grads[0]!.dataSync(), dxWant.dataSync(), 1e-5, 1e-5);
      expectClose(grads[1]!.dataSync(), dwWant.dataSync(), 1e-5, 1e-5);
      const dwTf = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy },
        { strides: 1, pad, dataFormat: 'NHWC', filterShape: [...ws] }) as tf.Tensor;
      expectClose(dwTf.dataSync(), dwWant.dataSync(), 1e-5, 1e-5); // tf's (cpu) or ours (wasm)
      tf.dispose([x, w, dy, value, ...grads, dwWant, dxWant, dwTf]);
    });
  });

  it('conv2dInputGrad and conv2dFilterGrad check shapes; Conv2DBackpropFilter rejects stride 2 on wasm', () => {
    tf.tidy(() => {
      const x = tf.zeros([1, 4, 4, 2]);
      expect(() => conv2dFilterGrad(x, tf.zeros([1, 4, 4, 3]), [3, 3, 2, 4], 'same')).toThrow(ConfigError);
      expect(() => conv2dInputGrad(tf.zeros([1, 2, 2, 4]), tf.zeros([3, 3, 2, 4]), x.shape, 'same')).toThrow(ConfigError);
      expect(() => spikeConv2d(x as tf.Tensor4D, tf.zeros([3, 3, 3, 4]), { pad: 'same' })).toThrow(ConfigError);
      if (backend === 'wasm') {
        expect(() => tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy: tf.zeros([1, 2, 2, 4]) },
          { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 2, 4] })).toThrow(ConfigError);
      }
    });
  });
});
