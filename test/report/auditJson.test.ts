import { describe, expect, it } from 'vitest';
import { auditJson, ReportError } from '../../src/report/index.js';
import type { AuditReport } from '../../src/robust/index.js';
import { sampleReport } from './reportFixture.js';

describe('auditJson', () => {
  it('writes the versioned schema and parses back to the same report', () => {
    const text = auditJson(sampleReport());
    expect(JSON.parse(text)).toEqual(sampleReport());
    expect(text.startsWith('{\n "schema": "spikeguard-audit",\n "version": 1,')).toBe(true);
  });

  it.each([
    ['NaN', (r: AuditReport) => ({ ...r, clean: { accuracy: NaN } }), 'report.clean.accuracy = NaN'],
    ['Infinity', (r: AuditReport) => ({ ...r, sweep: [{ ...r.sweep[0]!, random: Infinity }] }), 'report.sweep[0].random = Infinity'],
    ['undefined', (r: AuditReport) => ({ ...r, model: { ...r.model, checkpoint: undefined } }), 'report.model.checkpoint is undefined'],
    ['a typed array', (r: AuditReport) => ({ ...r, samples: { ...r.samples, labels: Int32Array.of(1) as unknown as number[] } }), 'report.samples.labels is a Int32Array'],
  ])('refuses %s with a ReportError naming where it is', (_what, spoil, message) => {
    const bad = spoil(sampleReport()) as AuditReport;
    expect(() => auditJson(bad)).toThrow(ReportError);
    expect(() => auditJson(bad)).toThrow(message);
  });
});
