import { AUDIT_DEFAULTS, type AuditReport, type AttackPoint } from '../../src/robust/index.js';

const point = (attack: AttackPoint['attack'], accuracy: number): AttackPoint => ({
  attack, accuracy, successRate: 1 - accuracy, gap: 0.8 - accuracy, msPerSample: 2.5, members: [{ label: 'atan:2', accuracy, successRate: 1 - accuracy }],
});

/** A small hand-made audit report (two ε, two attacks) for the writers' tests. */
export function sampleReport(name = 'csnn <test> & "model"'): AuditReport {
  return {
    schema: 'spikeguard-audit', version: 1, key: 'k'.repeat(64),
    model: { name, input: [2, 2, 2], classes: 4, sha256: 'a'.repeat(64) },
    data: { samples: 4, shape: [3, 2, 2, 2], sha256: 'b'.repeat(64), source: { kind: 'moving-bars', seed: 1 }, clamp: { changed: 3, cells: 96 } },
    settings: { ...AUDIT_DEFAULTS, attacks: ['fgsm', 'pgd'], eps: [0.1, 0.3], domain: { kind: 'unit' }, noise: 'uniform' },
    clean: { accuracy: 1 },
    sweep: [0.1, 0.3].map((eps, i) => ({
      eps, random: 0.9, attacks: [point('fgsm', 0.5 - i / 4), point('pgd', 0.25 - i / 4)],
      checks: [{ check: 'adversarial ≤ random', status: 'pass', detail: 'white-box 25.0%, random 90.0%' }, { check: 'Square never beats white-box', status: 'skip', detail: 'inputs missing' }],
    })),
    sparsity: [{ gradient: 'atan:2', meanZeroFraction: 0.5, meanL1OverL2: 3.2, zeroFractionHistogram: [0, 4, 0] }],
    examples: [{ attack: 'pgd', eps: 0.3, height: 2, width: 2, clean: [0, 1, 2, 0], attacked: [0.3, 1, 1.7, 0.3] }],
    samples: { labels: [0, 1, 2, 3], cleanWrong: '0000', outcomes: { 'pgd@0.1': '0110' } },
  };
}
