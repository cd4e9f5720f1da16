import { ReportError } from './ReportError.js';

/**
 * Spike frames `[T, H, W, 2]` (channel 0 OFF, 1 ON) side by side as one RGB image: ON in red, OFF
 * in blue (both: magenta), brightness proportional to the cell's value over the largest value of
 * all frames, black elsewhere; each cell a `scale`×`scale` block, frames 2 px apart on grey.
 * @throws ReportError for a shape that does not match the data or a scale outside 1..32.
 * @example const { rgb, width, height } = renderFrames(x, [8, 34, 34, 2], 4);
 */
export function renderFrames(data: Float32Array, shape: readonly [number, number, number, number], scale = 4): { rgb: Uint8Array; width: number; height: number } {
  const [T, H, W, C] = shape;
  if (C !== 2 || data.length !== T * H * W * 2) throw new ReportError(`render: [${shape.join(', ')}] does not match ${data.length} values of 2-channel frames`);
  if (!Number.isInteger(scale) || scale < 1 || scale > 32) throw new ReportError(`render: scale must be an integer in 1..32, got ${scale}`);
  const gap = 2;
  const width = T * W * scale + (T - 1) * gap;
  const height = H * scale;
  const rgb = new Uint8Array(width * height * 3).fill(64);
  let max = 0;
  for (const v of data) if (v > max) max = v;
  const level = (v: number): number => (max > 0 ? Math.round((255 * Math.min(v, max)) / max) : 0);
  for (let t = 0; t < T; t++) {
    const left = t * (W * scale + gap);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const cell = ((t * H + y) * W + x) * 2;
        const off = level(data[cell]!);
        const on = level(data[cell + 1]!);
        for (let dy = 0; dy < scale; dy++) {
          let at = ((y * scale + dy) * width + left + x * scale) * 3;
          for (let dx = 0; dx < scale; dx++, at += 3) {
            rgb[at] = on;
            rgb[at + 1] = 0;
            rgb[at + 2] = off;
          }
        }
      }
    }
  }
  return { rgb, width, height };
}
