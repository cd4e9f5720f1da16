import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { SnnModel } from '../../src/snn/index.js';
import {
  apgd, ensembleAttack, fgsm, gradientSparsity, obfuscationChecks, pgd, PRESETS, randomNoise, robustAccuracy, square,
  type AttackResult, type AuditSummary, type InputDomain,
} from '../../src/robust/index.js';
import { withTrainedSmall } from './robustHelpers.js';

const UNIT: InputDomain = { kind: 'unit' };
const gradient = PRESETS.paper[0]!;

/** Robust accuracy of one attack run (its tensor disposed). */
const acc = (r: AttackResult): number => {
  r.xAdv.dispose();
  return robustAccuracy(r.fooled);
};

describe('an audit of a trained SNN passes the obfuscation checks (cpu)', () => {
  let model: SnnModel;
  let x: tf.Tensor;
  let labels: Int32Array;
  withTrainedSmall((f) => ({ model, x, labels } = f));

  it('iterative ≤ FGSM, effort monotone, adversarial ≤ random, ensemble ≤ members, Square ≥ white-box, large ε → 0', () => {
    const eps = 0.1;
    const pgdAt = (steps: number, restarts: number): number =>
      acc(pgd(model, x, labels, { eps, norm: 'linf', steps, stepSize: eps / 4, randomStart: true, restarts, domain: UNIT, gradient, seed: 5 }));
    const ensemble = ensembleAttack(model, x, labels, (m, xx, y, g) => fgsm(m, xx, y, { eps, domain: UNIT, gradient: g }), PRESETS.paper);
    ensemble.xAdv.dispose();
    const summary: AuditSummary = {
      fgsm: acc(fgsm(model, x, labels, { eps, domain: UNIT, gradient })),
      pgd: pgdAt(10, 1),
      apgd: acc(apgd(model, x, labels, { eps, norm: 'linf', steps: 10, restarts: 1, domain: UNIT, gradient, seed: 5 })),
      square: acc(square(model, x, labels, { eps, queries: 50, domain: UNIT, seed: 5 })),
      random: acc(randomNoise(model, x, labels, { eps, kind: 'uniform', draws: 5, domain: UNIT, seed: 5 })),
      effort: [{ effort: 5, accuracy: pgdAt(5, 1) }, { effort: 10, accuracy: pgdAt(10, 1) }, { effort: 20, accuracy: pgdAt(10, 2) }],
      ensemble: { combined: robustAccuracy(ensemble.fooled), members: ensemble.members.map((m) => ({ label: m.label, accuracy: robustAccuracy(m.fooled) })) },
      largeEps: { eps: 0.3, accuracy: acc(pgd(model, x, labels, { eps: 0.3, norm: 'linf', steps: 10, stepSize: 0.075, randomStart: true, restarts: 1, domain: UNIT, gradient, seed: 5 })) },
      gradientZeroFraction: gradientSparsity(model, x, labels, gradient).meanZeroFraction,
    };
    const out = obfuscationChecks(summary);
    expect(out.filter((c) => c.status !== 'pass'), JSON.stringify(summary)).toEqual([]);
  });
});
