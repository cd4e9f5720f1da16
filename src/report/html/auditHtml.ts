import type { AuditReport, SweepPoint } from '../../robust/index.js';
import { escapeHtml } from './escapeHtml.js';
import { svgFrame } from './svgFrame.js';
import { svgHistogram } from './svgHistogram.js';
import { svgLineChart, type Series } from './svgLineChart.js';

const COLORS: Readonly<Record<string, string>> = { fgsm: '#e08a00', pgd: '#c0392b', apgd: '#8e44ad', square: '#16a085', random: '#2c3e50', clean: '#7f8c8d' };
const STYLE = `body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}td.l,th.l{text-align:left}
.pass{color:#1e7d32}.warn{color:#b00020;font-weight:bold}.skip{color:#888}figure.frame{display:inline-block;margin:0 1em 1em 0}
.row{display:flex;flex-wrap:wrap;gap:1em}code{background:#f4f4f4;padding:0 3px}`;

const pct = (a: number): string => `${(100 * a).toFixed(1)}%`;

function curves(r: AuditReport): string {
  const eps = r.sweep.map((p) => p.eps);
  const attackSeries = r.settings.attacks.map((a): Series => ({
    name: a.toUpperCase(), color: COLORS[a] ?? '#000', points: r.sweep.map((p) => [p.eps, p.attacks.find((x) => x.attack === a)!.accuracy]),
  }));
  const accuracy = svgLineChart([
    ...attackSeries,
    { name: `random (${r.settings.noise})`, color: COLORS['random']!, dashed: true, points: r.sweep.map((p) => [p.eps, p.random]) },
    { name: 'clean', color: COLORS['clean']!, dashed: true, points: eps.map((e) => [e, r.clean.accuracy]) },
  ], { title: 'Accuracy vs ε: adversarial and random', xLabel: `ε (${r.settings.domain.kind})`, yLabel: 'accuracy', y: [0, 1] });
  const gap = svgLineChart(r.settings.attacks.map((a): Series => ({
    name: a.toUpperCase(), color: COLORS[a] ?? '#000', points: r.sweep.map((p) => [p.eps, p.attacks.find((x) => x.attack === a)!.gap]),
  })), { title: 'Adversarial–random gap (random − adversarial accuracy)', xLabel: 'ε', yLabel: 'gap', y: [-0.2, 1] });
  return `<h2>Accuracy under attack</h2><div class="row">${accuracy}${gap}</div>`;
}

function sweepTable(r: AuditReport): string {
  const rows = r.sweep.flatMap((p) => p.attacks.map((a) => `<tr><td>${p.eps}</td><td class="l">${a.attack}</td><td>${pct(a.accuracy)}</td><td>${pct(p.random)}</td>`
    + `<td>${pct(a.gap)}</td><td>${pct(a.successRate)}</td><td>${a.msPerSample.toFixed(1)}</td>`
    + `<td class="l">${a.members.map((m) => `${escapeHtml(m.label)} ${pct(m.accuracy)}`).join(', ')}</td></tr>`));
  return `<table><tr><th>ε</th><th class="l">attack</th><th>robust acc.</th><th>random acc.</th><th>gap</th><th>success rate</th><th>ms/sample</th><th class="l">ensemble members</th></tr>${rows.join('')}</table>`;
}

function checksTable(sweep: readonly SweepPoint[]): string {
  const rows = sweep.flatMap((p) => p.checks.filter((c) => c.status !== 'skip').map((c) =>
    `<tr><td>${p.eps}</td><td class="l">${escapeHtml(c.check)}</td><td class="l ${c.status}">${c.status}</td><td class="l">${escapeHtml(c.detail)}</td></tr>`));
  const warns = sweep.reduce((n, p) => n + p.checks.filter((c) => c.status === 'warn').length, 0);
  return `<h2>Gradient-obfuscation checks: ${warns === 0 ? '<span class="pass">all pass</span>' : `<span class="warn">${warns} warning(s)</span>`}</h2>`
    + `<table><tr><th>ε</th><th class="l">check</th><th class="l">status</th><th class="l">measured</th></tr>${rows.join('')}</table>`;
}

function sparsity(r: AuditReport): string {
  const hist = r.sparsity.map((e) => svgHistogram(e.zeroFractionHistogram, 0, 1, `${e.gradient}: mean ${pct(e.meanZeroFraction)} zeros, ‖g‖₁/‖g‖₂ ${e.meanL1OverL2.toFixed(1)}`, 'fraction of exactly-zero gradient cells per sample'));
  return `<h2>Input-gradient sparsity of p<sub>y</sub> (clean samples)</h2><div class="row">${hist.join('')}</div>`;
}

function examples(r: AuditReport): string {
  const figs = r.examples.map((e) => {
    const max = Math.max(...e.clean, ...e.attacked);
    return `<div><h3>${escapeHtml(e.attack.toUpperCase())} at ε = ${e.eps} (sample 0)</h3>${svgFrame(e.clean, e.height, e.width, max, 'clean')}${svgFrame(e.attacked, e.height, e.width, max, 'attacked')}</div>`;
  });
  return figs.length === 0 ? '' : `<h2>Clean vs attacked frames</h2>${figs.join('')}`;
}

function settings(r: AuditReport): string {
  const rows = Object.entries(r.settings).map(([k, v]) => `<tr><td class="l">${escapeHtml(k)}</td><td class="l"><code>${escapeHtml(JSON.stringify(v))}</code></td></tr>`);
  const source = escapeHtml(JSON.stringify(r.data.source));
  return `<h2>Settings</h2><table>${rows.join('')}</table><p>Model <code>${escapeHtml(r.model.name)}</code> sha256 <code>${r.model.sha256}</code>; data ${source}, `
    + `${r.data.samples} samples of [${r.data.shape.join(', ')}], sha256 <code>${r.data.sha256}</code>; audit key <code>${r.key}</code>. `
    + `Projecting the clean data onto the domain changed ${r.data.clamp.changed} of ${r.data.clamp.cells} input cells before any attack.</p>`;
}

/**
 * The audit report as one self-contained HTML page: inline CSS and SVG only (no script, no
 * external resource): accuracy-vs-ε curves (adversarial, random, clean), the gap, a table per
 * attack and ε, the obfuscation checks, gradient-sparsity histograms, clean vs attacked frames
 * and every setting.
 * @example writeFileSync('audit.html', auditHtml(report));
 */
export function auditHtml(r: AuditReport): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>spikeguard audit: ${escapeHtml(r.model.name)}</title><style>${STYLE}</style></head><body>`
    + `<h1>Robustness audit of <code>${escapeHtml(r.model.name)}</code></h1>`
    + `<p>Clean accuracy <b>${pct(r.clean.accuracy)}</b> on ${r.data.samples} samples; domain ${escapeHtml(r.settings.domain.kind)}, `
    + `gradient ensemble <code>${escapeHtml(r.settings.gradients)}</code> (a sample is robust only if it survives every member).</p>`
    + `${curves(r)}${sweepTable(r)}${checksTable(r.sweep)}${sparsity(r)}${examples(r)}${settings(r)}</body></html>\n`;
}
