import { ConfigError } from '../../errors.js';

/**
 * Bilinear resize of frames `[N, H, W, C]` (row-major float32) to `[N, h, w, C]` with half-pixel
 * centres and no corner alignment — `torch.nn.functional.interpolate(mode='bilinear',
 * align_corners=False)` and tfjs `resizeBilinear` with `halfPixelCenters` — so a frame keeps its
 * total only approximately (counts are interpolated, not redistributed), as in the paper's preprocessing.
 * @throws ConfigError for sizes that are not positive integers or data of the wrong length.
 * @example resizeFrames(frames, [10, 128, 128, 2], 48, 48) // [10, 48, 48, 2]
 */
export function resizeFrames(data: Float32Array, shape: readonly [number, number, number, number], h: number, w: number): Float32Array {
  const [N, H, W, C] = shape;
  for (const v of [N, H, W, C, h, w]) if (!Number.isInteger(v) || v < 1) throw new ConfigError(`resizeFrames: sizes must be positive integers, got [${shape.join(', ')}] → ${h}×${w}`);
  if (data.length !== N * H * W * C) throw new ConfigError(`resizeFrames: ${data.length} values for [${shape.join(', ')}]`);
  const out = new Float32Array(N * h * w * C);
  const axis = (outSize: number, inSize: number): { lo: Int32Array; hi: Int32Array; f: Float32Array } => {
    const lo = new Int32Array(outSize), hi = new Int32Array(outSize), f = new Float32Array(outSize);
    const scale = inSize / outSize;
    for (let i = 0; i < outSize; i++) {
      const src = Math.max(0, (i + 0.5) * scale - 0.5);
      const l = Math.min(Math.floor(src), inSize - 1);
      lo[i] = l;
      hi[i] = Math.min(l + 1, inSize - 1);
      f[i] = src - l;
    }
    return { lo, hi, f };
  };
  const ys = axis(h, H);
  const xs = axis(w, W);
  for (let n = 0; n < N; n++) {
    const base = n * H * W * C;
    for (let y = 0; y < h; y++) {
      const r0 = base + ys.lo[y]! * W * C, r1 = base + ys.hi[y]! * W * C, fy = ys.f[y]!;
      for (let x = 0; x < w; x++) {
        const c0 = xs.lo[x]! * C, c1 = xs.hi[x]! * C, fx = xs.f[x]!;
        const at = ((n * h + y) * w + x) * C;
        for (let c = 0; c < C; c++) {
          const top = data[r0 + c0 + c]! * (1 - fx) + data[r0 + c1 + c]! * fx;
          const bottom = data[r1 + c0 + c]! * (1 - fx) + data[r1 + c1 + c]! * fx;
          out[at + c] = top * (1 - fy) + bottom * fy;
        }
      }
    }
  }
  return out;
}
