import { describe, expect, it } from 'vitest';
import { auditHtml, svgLineChart } from '../../src/report/index.js';
import { sampleReport } from './reportFixture.js';

describe('auditHtml', () => {
  const html = auditHtml(sampleReport());

  it('is self-contained: no URL, no script, no external resource', () => {
    expect(html).not.toMatch(/https?:|<script|src=|href=|@import|url\(/i);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('draws the accuracy and gap curves, the sparsity histogram and the example frames as inline SVG', () => {
    expect(html).toContain('Accuracy vs ε: adversarial and random');
    expect(html).toContain('Adversarial–random gap');
    // accuracy chart: 2 attacks + random + clean; gap chart: 2 attacks
    expect(html.match(/<polyline/g)).toHaveLength(6);
    expect(html.match(/<svg class="histogram"/g)).toHaveLength(1);
    expect(html.match(/<figure class="frame">/g)).toHaveLength(2);
    expect(html).toContain('changed 3 of 96 input cells before any attack');
  });

  it('escapes names from the user and shows checks that ran, not skipped ones', () => {
    expect(html).toContain('csnn &lt;test&gt; &amp; &quot;model&quot;');
    expect(html).not.toContain('<test>');
    expect(html).toContain('adversarial ≤ random');
    expect(html).not.toContain('Square never beats white-box');
    expect(html).toContain('all pass');
  });

  it('plots a point at its value: 100 % at the top of the axis, 0 % at the bottom', () => {
    const svg = svgLineChart([{ name: 'a', color: '#000', points: [[0, 0], [1, 1]] }], { title: 't', xLabel: 'x', yLabel: 'y', y: [0, 1] });
    expect(svg).toContain('points="56,276 410,30"');
  });
});
