import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import type { ForwardOptions, SnnModel } from '../../src/snn/index.js';
import { fgsm, lossGradient, pgd, PRESETS, type InputDomain } from '../../src/robust/index.js';
import { projectToBudget } from '../../src/robust/perturbation.js';
import { expectNoLeak, useBackend } from '../snn/snnHelpers.js';
import { accuracyOf, perSampleDiff, withTrainedSmall } from './robustHelpers.js';

const UNIT: InputDomain = { kind: 'unit' };
const TRIANGLE = PRESETS.paper[0]!;
const pgdOptions = (eps: number) => ({ eps, norm: 'linf' as const, steps: 10, stepSize: eps / 4, randomStart: true, restarts: 1, domain: UNIT, gradient: TRIANGLE, seed: 1 });

describe('FGSM and PGD on a trained SNN (cpu)', () => {
  let model: SnnModel;
  let x: tf.Tensor;
  let labels: Int32Array;
  withTrainedSmall((f) => ({ model, x, labels } = f));

  it('FGSM stays within ε (L∞) and the domain, and creates no lasting tensor', async () => {
    await expectNoLeak(() => {
      for (const domain of [UNIT, { kind: 'counts', max: 3 } as const]) {
        const { xAdv, fooled } = fgsm(model, x, labels, { eps: 0.15, domain, gradient: TRIANGLE });
        expect(Math.max(...perSampleDiff(xAdv, x).linf)).toBeLessThanOrEqual(0.15 + 1e-6);
        const [lo, hi] = tf.tidy(() => [tf.min(xAdv).dataSync()[0]!, tf.max(xAdv).dataSync()[0]!]);
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(hi).toBeLessThanOrEqual(domain.kind === 'counts' ? 3 : 1);
        expect(fooled.length).toBe(labels.length);
        xAdv.dispose();
      }
    });
  });

  it('PGD at the same ε is at least as strong as FGSM, and both lower clean accuracy', () => {
    const f = fgsm(model, x, labels, { eps: 0.1, domain: UNIT, gradient: TRIANGLE });
    const p = pgd(model, x, labels, pgdOptions(0.1));
    expect(accuracyOf(p.fooled)).toBeLessThanOrEqual(accuracyOf(f.fooled));
    expect(accuracyOf(p.fooled)).toBeLessThan(0.9); // clean accuracy here is 1
    expect(Math.max(...perSampleDiff(p.xAdv, x).linf)).toBeLessThanOrEqual(0.1 + 1e-6);
    f.xAdv.dispose();
    p.xAdv.dispose();
  });

  it('PGD L2 stays within the L2 ball; the same seed repeats the run exactly', async () => {
    await expectNoLeak(() => {
      const o = { ...pgdOptions(1), norm: 'l2' as const, stepSize: 0.3, restarts: 2 };
      const a = pgd(model, x, labels, o);
      const b = pgd(model, x, labels, o);
      expect(Math.max(...perSampleDiff(a.xAdv, x).l2)).toBeLessThanOrEqual(1 + 1e-5);
      expect(Array.from(a.xAdv.dataSync())).toEqual(Array.from(b.xAdv.dataSync()));
      expect(a.fooled).toEqual(b.fooled);
      tf.dispose([a.xAdv, b.xAdv]);
    });
  });

  it('reported fooled flags are the model’s predictions on xAdv', () => {
    const p = pgd(model, x, labels, pgdOptions(0.1));
    const pred = tf.tidy(() => tf.argMax(model.forward(p.xAdv), 1).dataSync());
    expect(Array.from(p.fooled)).toEqual(Array.from(labels, (y, i) => (pred[i] === y ? 0 : 1)));
    p.xAdv.dispose();
  });

  it('binary domain: flips at most ε cells per sample, each in the direction of the gradient sign', async () => {
    await expectNoLeak(() => {
      const f = fgsm(model, x, labels, { eps: 5, domain: { kind: 'binary' }, gradient: TRIANGLE });
      const { grad } = lossGradient(model, x, labels, TRIANGLE);
      const [g, x0, xa] = [grad.dataSync(), x.dataSync(), f.xAdv.dataSync()];
      for (let i = 0; i < xa.length; i++) {
        expect(xa[i] === 0 || xa[i] === 1).toBe(true);
        if (xa[i] !== x0[i]) expect(g[i]! * (xa[i]! - x0[i]!)).toBeGreaterThan(0);
      }
      expect(Math.max(...perSampleDiff(f.xAdv, x).l0)).toBe(5);
      const p = pgd(model, x, labels, { ...pgdOptions(7), stepSize: 2, steps: 4, domain: { kind: 'binary' } });
      expect(Math.max(...perSampleDiff(p.xAdv, x).l0)).toBeLessThanOrEqual(7);
      tf.dispose([grad, f.xAdv, p.xAdv]);
    });
  });

  it('attacks run in inference mode and never change parameters or running statistics', () => {
    const seen: ForwardOptions[] = [];
    const spy: SnnModel = { ...model, forward: (xx, o) => { seen.push(o ?? {}); return model.forward(xx, o); } };
    const before = model.params.map((p) => Array.from(p.variable.dataSync()));
    for (const g of PRESETS.paper) {
      tf.dispose([fgsm(spy, x, labels, { eps: 0.1, domain: UNIT, gradient: g }).xAdv, pgd(spy, x, labels, { ...pgdOptions(0.1), gradient: g, steps: 2 }).xAdv]);
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((o) => o.training === false)).toBe(true);
    expect(model.params.map((p) => Array.from(p.variable.dataSync()))).toEqual(before);
  });

  it('rejects invalid budgets with ConfigError', () => {
    expect(() => fgsm(model, x, labels, { eps: -1, domain: UNIT, gradient: TRIANGLE })).toThrow(ConfigError);
    expect(() => fgsm(model, x, labels, { eps: 0.5, domain: { kind: 'binary' }, gradient: TRIANGLE })).toThrow(ConfigError);
    expect(() => pgd(model, x, labels, { ...pgdOptions(0.1), restarts: 0 })).toThrow(ConfigError);
    expect(() => pgd(model, x, labels, { ...pgdOptions(0.1), restarts: 2, randomStart: false })).toThrow(ConfigError);
    expect(() => pgd(model, x, labels.subarray(1), pgdOptions(0.1))).toThrow(ConfigError);
  });
});

describe('projection onto the budget', () => {
  beforeAll(() => useBackend('cpu'));
  const WIDE: InputDomain = { kind: 'counts', max: 1e6 };

  it('L2: a point outside the ball lands exactly on it, in the same direction; inside, it stays', () => {
    tf.tidy(() => {
      const x = tf.fill([2, 2, 3], 10);
      const d = tf.tensor([3, 0, 4, 0.1, 0, 0, 0, 0, 0, 0.2, 0, 0], [2, 2, 3]); // sample 0: ‖δ‖ = 5; sample 1: small
      const out = tf.sub(projectToBudget(x, tf.add(x, d), 2, 'l2', WIDE), x).dataSync();
      [0.6 * 2, 0, 0.8 * 2].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 4));
      expect(out[3]).toBeCloseTo(0.1, 4);
      expect(out[9]).toBeCloseTo(0.2, 4);
    });
  });

  it('any point projects into the ε-ball and the domain (property)', () => {
    fc.assert(fc.property(
      fc.float32Array({ minLength: 12, maxLength: 12, noNaN: true, noDefaultInfinity: true, min: -50, max: 50 }),
      fc.float({ min: Math.fround(0.01), max: 5, noNaN: true }), fc.constantFrom('linf' as const, 'l2' as const),
      (v, eps, norm) => tf.tidy(() => {
        const x = tf.tensor(v.map((c) => Math.abs(c) % 1), [2, 2, 3]);
        const p = projectToBudget(x, tf.add(x, tf.tensor(v, [2, 2, 3])), eps, norm, UNIT);
        const d = perSampleDiff(p, x);
        const size = norm === 'linf' ? d.linf : d.l2;
        expect(Math.max(...size)).toBeLessThanOrEqual(eps * (1 + 1e-5) + 1e-6);
        const vals = p.dataSync();
        expect(vals.every((c) => c >= 0 && c <= 1)).toBe(true);
      }),
    ), { numRuns: 50, seed: 7 });
  });
});
