import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import type { SnnModel } from '../../src/snn/index.js';
import { apgd, ApgdSchedule, pgd, PRESETS, type InputDomain } from '../../src/robust/index.js';
import { expectNoLeak } from '../snn/snnHelpers.js';
import { accuracyOf, perSampleDiff, withTrainedSmall } from './robustHelpers.js';

describe('APGD step-size schedule (AutoAttack checkpoints)', () => {
  const feed = (s: ApgdSchedule, losses: number[], best: (i: number) => number): (Uint8Array | null)[] =>
    losses.map((l, i) => s.record(Float32Array.of(l), Float32Array.of(best(i))));

  it('N = 100: checkpoints after 22 steps, then intervals shrinking by 3 down to 6', () => {
    const s = new ApgdSchedule(Float32Array.of(0), 0.1, 100, 0.75);
    const rising = Array.from({ length: 100 }, (_, i) => i + 1);
    const checks = feed(s, rising, (i) => i + 1).flatMap((h, i) => (h === null ? [] : [i + 1]));
    expect(checks.slice(0, 7)).toEqual([22, 41, 57, 70, 80, 87, 93]);
    expect(s.stepSize[0]).toBeCloseTo(0.2, 6); // a steadily rising loss never halves 2ε
  });

  it('halves where the loss rose in at most ρ of the interval (oscillation)', () => {
    const s = new ApgdSchedule(Float32Array.of(5), 0.1, 100, 0.75);
    const flat = feed(s, Array.from({ length: 22 }, () => 5), () => 5);
    expect(Array.from(flat[21]!)).toEqual([1]);
    expect(s.stepSize[0]).toBeCloseTo(0.1, 6);
  });

  it('halves where the step was kept at the last checkpoint and the best loss has not improved since', () => {
    const s = new ApgdSchedule(Float32Array.of(0), 0.1, 100, 0.75);
    const rising = Array.from({ length: 41 }, (_, i) => i + 1);
    const halves = feed(s, rising, () => 50).filter((h) => h !== null);
    expect(halves.map((h) => h![0])).toEqual([0, 1]);
  });
});

describe('APGD-CE on a trained SNN (cpu)', () => {
  const UNIT: InputDomain = { kind: 'unit' };
  const gradient = PRESETS.paper[0]!;
  let model: SnnModel;
  let x: tf.Tensor;
  let labels: Int32Array;
  withTrainedSmall((f) => ({ model, x, labels } = f));

  it('stays within ε and the domain (L∞ and L2), creates no lasting tensor, repeats for a seed', async () => {
    await expectNoLeak(() => {
      const a = apgd(model, x, labels, { eps: 0.1, norm: 'linf', steps: 10, restarts: 1, domain: UNIT, gradient, seed: 3 });
      const b = apgd(model, x, labels, { eps: 0.1, norm: 'linf', steps: 10, restarts: 1, domain: UNIT, gradient, seed: 3 });
      expect(Math.max(...perSampleDiff(a.xAdv, x).linf)).toBeLessThanOrEqual(0.1 + 1e-6);
      expect(Array.from(a.xAdv.dataSync())).toEqual(Array.from(b.xAdv.dataSync()));
      const c = apgd(model, x, labels, { eps: 0.8, norm: 'l2', steps: 10, restarts: 1, domain: UNIT, gradient, seed: 3 });
      expect(Math.max(...perSampleDiff(c.xAdv, x).l2)).toBeLessThanOrEqual(0.8 * (1 + 1e-5));
      const vals = c.xAdv.dataSync();
      expect(vals.every((v) => v >= 0 && v <= 1)).toBe(true);
      tf.dispose([a.xAdv, b.xAdv, c.xAdv]);
    });
  });

  it('is roughly as strong as PGD at the same ε and steps, with no step size to tune', () => {
    const eps = 0.12;
    const a = apgd(model, x, labels, { eps, norm: 'linf', steps: 20, restarts: 1, domain: UNIT, gradient, seed: 1 });
    const p = pgd(model, x, labels, { eps, norm: 'linf', steps: 20, stepSize: eps / 4, randomStart: true, restarts: 1, domain: UNIT, gradient, seed: 1 });
    expect(accuracyOf(a.fooled)).toBeLessThanOrEqual(accuracyOf(p.fooled) + 2 / labels.length);
    expect(accuracyOf(a.fooled)).toBeLessThan(0.5);
    tf.dispose([a.xAdv, p.xAdv]);
  });

  it('rejects the binary domain and invalid counts with ConfigError', () => {
    const o = { eps: 3, norm: 'linf' as const, steps: 5, restarts: 1, domain: { kind: 'binary' } as const, gradient, seed: 0 };
    expect(() => apgd(model, x, labels, o)).toThrow(ConfigError);
    expect(() => apgd(model, x, labels, { ...o, domain: UNIT, steps: 0 })).toThrow(ConfigError);
  });
});
