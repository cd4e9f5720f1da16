import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import type { SnnModel } from '../../src/snn/index.js';
import {
  adversarialRandomGap, attackSuccessRate, cleanAccuracy, ensembleAttack, fgsm, gradientSparsity, PRESETS, robustAccuracy,
  type AttackResult, type GradientSetting, type InputDomain,
} from '../../src/robust/index.js';
import { expectNoLeak } from '../snn/snnHelpers.js';
import { accuracyOf, withTrainedSmall } from './robustHelpers.js';

const UNIT: InputDomain = { kind: 'unit' };

describe('ensemble and metrics on a trained SNN (cpu)', () => {
  let model: SnnModel;
  let x: tf.Tensor;
  let labels: Int32Array;
  withTrainedSmall((f) => ({ model, x, labels } = f));

  it('a sample is robust only if it survives every member: combined = per-sample OR, xAdv fools exactly those', async () => {
    await expectNoLeak(() => {
      const attack = (m: SnnModel, xx: tf.Tensor, y: Int32Array, g: GradientSetting): AttackResult => fgsm(m, xx, y, { eps: 0.1, domain: UNIT, gradient: g });
      const r = ensembleAttack(model, x, labels, attack, PRESETS.wide);
      expect(r.members.map((m) => m.label)).toEqual(PRESETS.wide.map((g) => g.label));
      const any = Array.from(labels, (_, b) => (r.members.some((m) => m.fooled[b] === 1) ? 1 : 0));
      expect(Array.from(r.fooled)).toEqual(any);
      for (const m of r.members) expect(robustAccuracy(r.fooled)).toBeLessThanOrEqual(robustAccuracy(m.fooled));
      const pred = tf.tidy(() => tf.argMax(model.forward(r.xAdv), 1).dataSync());
      expect(Array.from(r.fooled)).toEqual(Array.from(labels, (y, b) => (pred[b] === y ? 0 : 1)));
      // On this model the members disagree, so the ensemble is strictly stronger than its best member.
      expect(robustAccuracy(r.fooled)).toBeLessThan(Math.min(...r.members.map((m) => robustAccuracy(m.fooled))));
      r.xAdv.dispose();
    });
  });

  it('rejects an empty ensemble', () => {
    expect(() => ensembleAttack(model, x, labels, (m, xx, y, g) => fgsm(m, xx, y, { eps: 0.1, domain: UNIT, gradient: g }), [])).toThrow(ConfigError);
  });

  it('clean accuracy, robust accuracy, success rate and the adversarial–random gap', () => {
    const clean = cleanAccuracy(model, x, labels);
    expect(clean.accuracy).toBeGreaterThan(0.9);
    expect(robustAccuracy(Uint8Array.of(0, 1, 1, 0))).toBe(0.5);
    expect(attackSuccessRate(Uint8Array.of(0, 0, 1, 0), Uint8Array.of(1, 0, 1, 1))).toBeCloseTo(2 / 3, 12);
    expect(attackSuccessRate(Uint8Array.of(1), Uint8Array.of(1))).toBe(0);
    expect(adversarialRandomGap(0.2, 0.9)).toBeCloseTo(0.7, 12);
    const r = fgsm(model, x, labels, { eps: 0.1, domain: UNIT, gradient: PRESETS.paper[0]! });
    expect(robustAccuracy(r.fooled)).toBe(accuracyOf(r.fooled));
    r.xAdv.dispose();
  });

  it('gradient sparsity is per sample (batching does not change it) and bounded: 1 ≤ ‖g‖₁/‖g‖₂ ≤ √n', async () => {
    await expectNoLeak(() => {
      const rate = PRESETS.paper[3]!;
      const all = gradientSparsity(model, x, labels, rate);
      const n = x.size / labels.length;
      for (const b of [0, 5]) {
        const xb = tf.slice(x, [0, b], [-1, 1]);
        const one = gradientSparsity(model, xb, labels.subarray(b, b + 1), rate);
        expect(one.zeroFraction[0]).toBeCloseTo(all.zeroFraction[b]!, 5);
        expect(one.l1OverL2[0]).toBeCloseTo(all.l1OverL2[b]!, 3);
        xb.dispose();
      }
      all.l1OverL2.forEach((r, b) => {
        if (all.zeroFraction[b]! < 1) expect(r).toBeGreaterThanOrEqual(1 - 1e-5);
        expect(r).toBeLessThanOrEqual(Math.sqrt(n) * (1 + 1e-5));
      });
      expect(all.meanZeroFraction).toBeGreaterThanOrEqual(0);
      expect(all.meanZeroFraction).toBeLessThanOrEqual(1);
    });
  });
});
