import { coord, escapeHtml } from './escapeHtml.js';

const W = 280;
const H = 180;
const M = { left: 36, right: 10, top: 26, bottom: 30 };

/**
 * An inline SVG histogram of counts in equal bins over [lo, hi] (e.g. the per-sample zero
 * fraction of input gradients over [0, 1]).
 * @example svgHistogram([3, 0, 1], 0, 1, 'triangle:1', 'zero fraction')
 */
export function svgHistogram(counts: readonly number[], lo: number, hi: number, title: string, xLabel: string): string {
  const max = Math.max(1, ...counts);
  const bw = (W - M.left - M.right) / Math.max(1, counts.length);
  const plotH = H - M.top - M.bottom;
  const bars = counts.map((c, i) => {
    const h = (c / max) * plotH;
    const from = lo + ((hi - lo) * i) / counts.length;
    const to = lo + ((hi - lo) * (i + 1)) / counts.length;
    return `<rect x="${coord(M.left + i * bw)}" y="${coord(H - M.bottom - h)}" width="${coord(Math.max(0, bw - 1))}" height="${coord(h)}" fill="#4a7bb7"><title>${coord(from)}–${coord(to)}: ${c}</title></rect>`;
  });
  return `<svg class="histogram" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-size="10" font-family="sans-serif">`
    + `<text x="${M.left}" y="16" font-size="12" font-weight="bold">${escapeHtml(title)}</text>${bars.join('')}`
    + `<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333"/>`
    + `<text x="${M.left}" y="${H - M.bottom + 12}" text-anchor="middle">${lo}</text><text x="${W - M.right}" y="${H - M.bottom + 12}" text-anchor="middle">${hi}</text>`
    + `<text x="${M.left - 4}" y="${M.top + 8}" text-anchor="end">${max}</text>`
    + `<text x="${(M.left + W - M.right) / 2}" y="${H - 4}" text-anchor="middle">${escapeHtml(xLabel)}</text></svg>`;
}
