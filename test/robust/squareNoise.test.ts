import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import type { SnnModel } from '../../src/snn/index.js';
import { lossGradient, PRESETS, randomNoise, square, squareFraction, squareSide, type InputDomain } from '../../src/robust/index.js';
import { expectNoLeak } from '../snn/snnHelpers.js';
import { accuracyOf, perSampleDiff, withTrainedSmall } from './robustHelpers.js';

const UNIT: InputDomain = { kind: 'unit' };

describe('square schedule', () => {
  it('halves p at the rescaled breakpoints and sizes the square from it', () => {
    expect(squareFraction(0.8, 0, 10000)).toBe(0.8);
    expect(squareFraction(0.8, 11, 10000)).toBe(0.4);
    expect(squareFraction(0.8, 9000, 10000)).toBeCloseTo(0.8 / 512, 12);
    expect(squareFraction(0.8, 50, 100)).toBeCloseTo(0.8 / 128, 12); // query 50 of 100 = 5000 of 10 000: past 7 breakpoints
    expect(squareSide(0.05, 8, 8)).toBe(2);
    expect(squareSide(1e-6, 8, 8)).toBe(1);
    expect(squareSide(4, 8, 8)).toBe(8);
  });
});

describe('Square and random baselines on a trained SNN (cpu)', () => {
  let model: SnnModel;
  let x: tf.Tensor;
  let labels: Int32Array;
  withTrainedSmall((f) => ({ model, x, labels } = f));

  it('Square takes no gradient: a model whose backward throws is attacked all the same', async () => {
    const noBackward = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
      value: tf.clone(args[0] as tf.Tensor),
      gradFunc: () => { throw new Error('gradient taken'); },
    }));
    const guarded: SnnModel = { ...model, forward: (xx, o) => tf.tidy(() => noBackward(model.forward(xx, o)) as tf.Tensor2D) };
    expect(() => lossGradient(guarded, x, labels, PRESETS.paper[0]!)).toThrow('gradient taken'); // the guard bites
    await expectNoLeak(() => {
      const r = square(guarded, x, labels, { eps: 0.4, queries: 60, domain: UNIT, seed: 1 });
      expect(Math.max(...perSampleDiff(r.xAdv, x).linf)).toBeLessThanOrEqual(0.4 + 1e-6);
      expect(r.xAdv.dataSync().every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(r.queries).toBeGreaterThan(1);
      expect(r.queries).toBeLessThanOrEqual(61);
      expect(accuracyOf(r.fooled)).toBeLessThan(1); // it does find adversarial points at this ε
      r.xAdv.dispose();
    });
  });

  it('Square repeats for a seed and reports the predictions on xAdv', () => {
    const a = square(model, x, labels, { eps: 0.3, queries: 20, domain: UNIT, seed: 4 });
    const b = square(model, x, labels, { eps: 0.3, queries: 20, domain: UNIT, seed: 4 });
    expect(Array.from(a.xAdv.dataSync())).toEqual(Array.from(b.xAdv.dataSync()));
    const pred = tf.tidy(() => tf.argMax(model.forward(a.xAdv), 1).dataSync());
    expect(Array.from(a.fooled)).toEqual(Array.from(labels, (y, i) => (pred[i] === y ? 0 : 1)));
    tf.dispose([a.xAdv, b.xAdv]);
  });

  it.each(['uniform', 'gaussian', 'sign'] as const)('random %s noise stays within ε and the domain and repeats for a seed', async (kind) => {
    await expectNoLeak(() => {
      const o = { eps: 0.2, kind, draws: 3, domain: UNIT, seed: 9 };
      const a = randomNoise(model, x, labels, o);
      const b = randomNoise(model, x, labels, o);
      expect(Math.max(...perSampleDiff(a.xAdv, x).linf)).toBeLessThanOrEqual(0.2 + 1e-6);
      expect(a.xAdv.dataSync().every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(Array.from(a.xAdv.dataSync())).toEqual(Array.from(b.xAdv.dataSync()));
      expect(a.draws).toBe(3);
      tf.dispose([a.xAdv, b.xAdv]);
    });
  });

  it('the worst of k draws is at least as strong as its first draw', () => {
    const one = randomNoise(model, x, labels, { eps: 0.6, kind: 'uniform', draws: 1, domain: UNIT, seed: 2 });
    const many = randomNoise(model, x, labels, { eps: 0.6, kind: 'uniform', draws: 8, domain: UNIT, seed: 2 });
    one.fooled.forEach((f, b) => { if (f === 1) expect(many.fooled[b]).toBe(1); });
    expect(accuracyOf(many.fooled)).toBeLessThanOrEqual(accuracyOf(one.fooled));
    tf.dispose([one.xAdv, many.xAdv]);
  });

  it('binary flips: exactly ε cells per sample; kinds must fit the domain', () => {
    const r = randomNoise(model, x, labels, { eps: 6, kind: 'flips', draws: 2, domain: { kind: 'binary' }, seed: 1 });
    expect(perSampleDiff(r.xAdv, x).l0.every((n) => n === 6)).toBe(true);
    r.xAdv.dispose();
    expect(() => randomNoise(model, x, labels, { eps: 6, kind: 'uniform', draws: 2, domain: { kind: 'binary' }, seed: 1 })).toThrow(ConfigError);
    expect(() => randomNoise(model, x, labels, { eps: 0.1, kind: 'flips', draws: 2, domain: UNIT, seed: 1 })).toThrow(ConfigError);
    expect(() => square(model, x, labels, { eps: 2, queries: 2, domain: { kind: 'binary' }, seed: 1 })).toThrow(ConfigError);
  });
});
