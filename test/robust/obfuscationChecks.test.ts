import { describe, expect, it } from 'vitest';
import { obfuscationChecks, type AuditSummary, type CheckStatus } from '../../src/robust/index.js';

const statusOf = (s: AuditSummary, t = {}): Record<string, CheckStatus> =>
  Object.fromEntries(obfuscationChecks(s, t).map((c) => [c.check, c.status]));

const HEALTHY: AuditSummary = {
  fgsm: 0.5, pgd: 0.3, apgd: 0.25, square: 0.6, random: 0.9,
  effort: [{ effort: 10, accuracy: 0.3 }, { effort: 100, accuracy: 0.28 }, { effort: 50, accuracy: 0.29 }],
  ensemble: { combined: 0.2, members: [{ label: 'triangle:1', accuracy: 0.3 }, { label: 'rate', accuracy: 0.35 }] },
  largeEps: { eps: 1, accuracy: 0 },
  gradientZeroFraction: 0.4,
};

describe('obfuscation checks', () => {
  it('a healthy audit passes every check', () => {
    const out = obfuscationChecks(HEALTHY);
    expect(out).toHaveLength(7);
    expect(out.every((c) => c.status === 'pass')).toBe(true);
  });

  it('missing inputs skip their checks', () => {
    expect(Object.values(statusOf({})).every((s) => s === 'skip')).toBe(true);
    expect(statusOf({ fgsm: 0.4, pgd: 0.2, random: 0.9 })).toMatchObject({ 'iterative ≥ single-step': 'pass', 'adversarial ≤ random': 'pass', 'ensemble ≤ every member': 'skip' });
  });

  it('warns on each sign of obfuscation', () => {
    const warn = statusOf({
      fgsm: 0.3, pgd: 0.5, square: 0.1, random: 0.2,
      effort: [{ effort: 10, accuracy: 0.3 }, { effort: 20, accuracy: 0.35 }],
      ensemble: { combined: 0.4, members: [{ label: 'atan:2', accuracy: 0.3 }] },
      largeEps: { eps: 1, accuracy: 0.3 },
      gradientZeroFraction: 0.999,
    });
    expect(Object.values(warn).every((s) => s === 'warn')).toBe(true);
  });

  it('a tolerance absorbs small differences; the detail names the weaker member', () => {
    const s: AuditSummary = { fgsm: 0.3, pgd: 0.31, ensemble: { combined: 0.31, members: [{ label: 'atan:2', accuracy: 0.3 }] } };
    expect(statusOf(s)['iterative ≥ single-step']).toBe('warn');
    expect(statusOf(s, { tolerance: 0.02 })['iterative ≥ single-step']).toBe('pass');
    expect(obfuscationChecks(s).find((c) => c.check === 'ensemble ≤ every member')!.detail).toContain('atan:2');
  });
});
