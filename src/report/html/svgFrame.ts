import { coord, escapeHtml } from './escapeHtml.js';

/**
 * A frame of non-negative values (row-major `height × width`) as an inline SVG image: one grey
 * rect per non-zero pixel, darker for more activity, scaled to `maxValue`.
 * @example svgFrame([0, 1, 2, 0], 2, 2, 2, 'clean')
 */
export function svgFrame(values: readonly number[], height: number, width: number, maxValue: number, title: string): string {
  const cell = Math.max(2, Math.min(8, Math.floor(200 / Math.max(height, width))));
  const rects: string[] = [];
  values.forEach((v, i) => {
    if (v <= 0) return;
    const shade = Math.round(255 * (1 - Math.min(1, v / Math.max(maxValue, 1e-9))));
    rects.push(`<rect x="${(i % width) * cell}" y="${Math.floor(i / width) * cell}" width="${cell}" height="${cell}" fill="rgb(${shade},${shade},${shade})"/>`);
  });
  return `<figure class="frame"><svg viewBox="0 0 ${width * cell} ${height * cell}" width="${width * cell}" height="${height * cell}">`
    + `<rect width="${width * cell}" height="${height * cell}" fill="#fff" stroke="#999"/>${rects.join('')}</svg>`
    + `<figcaption>${escapeHtml(title)} (Σ over time and polarity; black = ${coord(maxValue)})</figcaption></figure>`;
}
