import { coord, escapeHtml } from './escapeHtml.js';

/** One curve: points in data units, drawn with `color` (dashed when `dashed`). */
export interface Series {
  readonly name: string;
  readonly color: string;
  readonly points: readonly (readonly [number, number])[];
  readonly dashed?: boolean;
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Y range (e.g. [0, 1] for accuracy). */
  readonly y: readonly [number, number];
  /** Format of y tick labels (default: as percent). */
  readonly yTick?: (v: number) => string;
}

const W = 560;
const H = 320;
const M = { left: 56, right: 150, top: 30, bottom: 44 };

/** Evenly spaced ticks over [lo, hi] (`n` + 1 values). */
function ticks(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);
}

/**
 * An inline SVG line chart with axes, ticks, markers and a legend (no script, no external
 * resource). The x range spans the series' points (a single x is centred).
 * @example svgLineChart([{ name: 'PGD', color: '#c00', points: [[0.1, 0.4]] }], { title: 'Accuracy', xLabel: 'ε', yLabel: 'accuracy', y: [0, 1] })
 */
export function svgLineChart(series: readonly Series[], o: LineChartOptions): string {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const x0 = xs.length === 0 ? 0 : Math.min(...xs);
  const x1 = xs.length === 0 ? 1 : Math.max(...xs);
  const [xlo, xhi] = x0 === x1 ? [x0 - 1, x1 + 1] : [x0, x1];
  const [ylo, yhi] = o.y;
  const px = (x: number): number => M.left + ((x - xlo) / (xhi - xlo)) * (W - M.left - M.right);
  const py = (y: number): number => H - M.bottom - ((Math.min(Math.max(y, ylo), yhi) - ylo) / (yhi - ylo)) * (H - M.top - M.bottom);
  const yTick = o.yTick ?? ((v: number) => `${Math.round(v * 100)}%`);
  const grid = ticks(ylo, yhi, 4).map((v) => `<line x1="${M.left}" x2="${W - M.right}" y1="${coord(py(v))}" y2="${coord(py(v))}" stroke="#ddd"/>`
    + `<text x="${M.left - 6}" y="${coord(py(v) + 4)}" text-anchor="end">${escapeHtml(yTick(v))}</text>`);
  const xTicks = [...new Set(xs)].sort((a, b) => a - b).map((v) => `<text x="${coord(px(v))}" y="${H - M.bottom + 16}" text-anchor="middle">${v}</text>`);
  const curves = series.map((s) => {
    const pts = s.points.map(([x, y]) => `${coord(px(x))},${coord(py(y))}`);
    const marks = s.points.map(([x, y]) => `<circle cx="${coord(px(x))}" cy="${coord(py(y))}" r="3" fill="${s.color}"><title>${escapeHtml(`${s.name}: ε ${x} → ${yTick(y)}`)}</title></circle>`);
    return `<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dashed === true ? ' stroke-dasharray="6 4"' : ''} points="${pts.join(' ')}"/>${marks.join('')}`;
  });
  const legend = series.map((s, i) => `<g transform="translate(${W - M.right + 12},${M.top + 18 * i})"><line x1="0" x2="18" y1="0" y2="0" stroke="${s.color}" stroke-width="2"${s.dashed === true ? ' stroke-dasharray="4 3"' : ''}/><text x="24" y="4">${escapeHtml(s.name)}</text></g>`);
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-size="11" font-family="sans-serif">`
    + `<text x="${M.left}" y="18" font-size="13" font-weight="bold">${escapeHtml(o.title)}</text>${grid.join('')}${xTicks.join('')}`
    + `<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#333"/><line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333"/>`
    + `<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle">${escapeHtml(o.xLabel)}</text>`
    + `<text transform="translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(o.yLabel)}</text>`
    + `${curves.join('')}${legend.join('')}</svg>`;
}
