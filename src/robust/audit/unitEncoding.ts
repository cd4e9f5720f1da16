import type * as tf from '@tensorflow/tfjs-core';

/** Sample 0 of a batch before and after an attack: activity Σ over time and polarity per pixel. */
export interface ExampleFrames {
  readonly height: number;
  readonly width: number;
  /** Row-major `height × width`, rounded to 4 decimals. */
  readonly clean: number[];
  readonly attacked: number[];
}

/** Per-sample 0/1 flags as a compact string (`"0110"`). */
export function flags(f: Uint8Array): string {
  let out = '';
  for (const v of f) out += v === 0 ? '0' : '1';
  return out;
}

/** The flags of {@link flags} back as numbers. */
export function parseFlags(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => (c === '1' ? 1 : 0));
}

/** Values rounded to 6 decimals (plain JSON numbers; the inputs are finite). */
export function rounded(v: Float32Array): number[] {
  return Array.from(v, (a) => Math.round(a * 1e6) / 1e6);
}

/**
 * Activity of sample 0 of `[T, B, H, W, C]` tensors `x` and `xAdv` (read back; nothing disposed).
 */
export function exampleFrames(x: tf.Tensor, xAdv: tf.Tensor): ExampleFrames {
  const [T = 0, B = 0, height = 0, width = 0, C = 0] = x.shape;
  const activity = (t: tf.Tensor): number[] => {
    const d = t.dataSync();
    const out = new Float64Array(height * width);
    for (let s = 0; s < T; s++) {
      const base = s * B * height * width * C; // sample 0 of step s
      for (let p = 0; p < height * width; p++) for (let c = 0; c < C; c++) out[p]! += d[base + p * C + c]!;
    }
    return Array.from(out, (a) => Math.round(a * 1e4) / 1e4);
  };
  return { height, width, clean: activity(x), attacked: activity(xAdv) };
}
