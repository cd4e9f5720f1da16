import { describe, expect, it } from 'vitest';
import { readAuditView, type AuditView } from '../../src/report/results/auditView.js';
import { readEventView } from '../../src/report/results/eventView.js';
import { resultsMarkdown, verdicts, type MethodAudits } from '../../src/report/results/resultsTable.js';
import { ReportError } from '../../src/report/ReportError.js';

const EPS = [0.05, 0.1];

/** An audit view with clean accuracy, random accuracy and PGD accuracy per ε (and Square when given). */
function view(clean: number, random: number[], pgd: number[], square?: number[]): AuditView {
  return {
    checkpoint: 'm.sgck', samples: 100, clean, steps: 50, gradients: 'paper',
    sweep: EPS.map((eps, i) => ({
      eps, random: random[i]!,
      attacks: [{ attack: 'pgd', accuracy: pgd[i]! }, ...(square === undefined ? [] : [{ attack: 'square', accuracy: square[i]! }])],
      checks: [{ check: 'adversarial ≤ random', status: 'pass', detail: '' }],
    })),
    sparsity: [{ gradient: 'triangle:1', zeroFraction: 0.5, l1OverL2: 40 }],
  };
}

const holds = (results: MethodAudits[]): Record<string, boolean> => Object.fromEntries(verdicts(results).map((v) => [v.name.slice(0, 12), v.holds]));

describe('results table verdicts', () => {
  const paperLike: MethodAudits[] = [
    { method: 'vanilla', main: view(0.98, [0.97, 0.95], [0.3, 0.02], [0.6, 0.2]) },
    { method: 'at', main: view(0.96, [0.95, 0.93], [0.6, 0.3]) },
    { method: 'sr', main: view(0.97, [0.96, 0.94], [0.5, 0.2]) },
    { method: 'sr+at', main: view(0.96, [0.95, 0.93], [0.7, 0.4]) },
  ];

  it('hold when the numbers say so', () => {
    expect(Object.values(holds(paperLike)).every(Boolean)).toBe(true);
    const md = resultsMarkdown(paperLike);
    expect(md).toMatch(/\| \*\*vanilla\*\* \| 98\.0 \| 0\.05 \| 97\.0 \| — \| — \| 30\.0 \| — \| 60\.0 \| — \| 30\.0 \| 67\.0 \|/);
    expect(md).toContain('✅ holds — **(3) SR+AT is the most robust**');
  });

  it('fail, with the numbers, when they do not', () => {
    const broken: MethodAudits[] = [
      { method: 'vanilla', main: view(0.96, [0.5, 0.3], [0.4, 0.2], [0.1, 0.1]) }, // random hurts as much; clean < 97 %; Square beats PGD
      { method: 'sr', main: view(0.90, [0.5, 0.3], [0.45, 0.25]) }, // clean cost 6 points
      { method: 'sr+at', main: view(0.95, [0.9, 0.9], [0.5, 0.1]) }, // not above sr at ε 0.1… and vanilla never < 10 %
    ];
    const v = holds(broken);
    expect(v).toEqual({ '(1) random n': false, '(2) SR narro': false, '(3) SR+AT is': false, 'aim: vanilla': false, 'aim: SR+AT ≥': false, 'aim: the wid': false });
    const md = resultsMarkdown(broken);
    expect(md).toContain('vanilla stays ≥ 10 % at every audited ε');
    expect(md).toContain('clean cost +6.0 points');
  });
});

describe('event-budget results', () => {
  it('are read from their JSON and tabulated per budget as gradient / random success', () => {
    const json = JSON.stringify({
      schema: 'spikeguard-event-attacks', version: 1, data: { samples: 4 },
      budgets: [{ budget: 10, gradient: { cleanCorrect: 4, fooled: 1, successRate: 0.25 }, random: { cleanCorrect: 4, fooled: 0 } }, { budget: 30, gradient: { cleanCorrect: 4, fooled: 3 }, random: { cleanCorrect: 4, fooled: 1 } }],
    });
    const events = readEventView(json, 'v.events.json');
    const md = resultsMarkdown([{ method: 'vanilla', main: view(0.98, [0.97, 0.95], [0.3, 0.02]), events }]);
    expect(md).toContain('| method | 10 events | 30 events |');
    expect(md).toContain('| vanilla | 25.0 / 0.0 | 75.0 / 25.0 |');
    expect(() => readEventView(json.replace('"fooled":3', '"fooled":9'), 'v.events.json')).toThrow(/budgets\[1\]\.gradient: expected/);
    expect(() => readEventView('{"schema":"x"}', 'v.events.json')).toThrow(ReportError);
  });
});

describe('readAuditView', () => {
  it('refuses what is not a v1 audit report, naming the file and field', () => {
    expect(() => readAuditView('{', 'a.json')).toThrow(ReportError);
    expect(() => readAuditView('{"schema":"spikeguard-audit","version":2}', 'a.json')).toThrow(/a\.json: not a spikeguard-audit v1 report/);
    expect(() => readAuditView('{"schema":"spikeguard-audit","version":1,"settings":{}}', 'b.json')).toThrow(/b\.json: "model" is missing/);
  });
});
