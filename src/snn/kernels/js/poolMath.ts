/** Shape `[batch, H, W, C]` of the tensors 2×2 pooling works on. */
export interface PoolShape {
  readonly batch: number;
  readonly H: number;
  readonly W: number;
  readonly C: number;
}

/**
 * 2×2 average pool, stride 2, VALID (an odd last row/column is dropped): `x [batch, H, W, C]` →
 * `out [batch, ⌊H/2⌋, ⌊W/2⌋, C]`.
 */
export function avgPool2Js(x: Float32Array, out: Float32Array, s: PoolShape): void {
  forEachPoolCell(s, (e, p, row) => {
    out[p] = (x[e]! + x[e + s.C]! + x[e + row]! + x[e + row + s.C]!) * 0.25;
  });
}

/** Gradient of {@link avgPool2Js}: `dx` (zeroed first) gets `dOut / 4` in each cell of a block. */
export function avgPool2GradJs(dOut: Float32Array, dx: Float32Array, s: PoolShape): void {
  dx.fill(0);
  forEachPoolCell(s, (e, p, row) => {
    const g = dOut[p]! * 0.25;
    dx[e] = g;
    dx[e + s.C] = g;
    dx[e + row] = g;
    dx[e + row + s.C] = g;
  });
}

/** Calls `fn(top-left offset, pooled offset, row stride)` for every pooled element. */
function forEachPoolCell(s: PoolShape, fn: (e: number, p: number, row: number) => void): void {
  const Ho = Math.floor(s.H / 2);
  const Wo = Math.floor(s.W / 2);
  const row = s.W * s.C;
  for (let b = 0; b < s.batch; b++) {
    for (let py = 0; py < Ho; py++) {
      for (let px = 0; px < Wo; px++) {
        const e = ((b * s.H + 2 * py) * s.W + 2 * px) * s.C;
        const p = ((b * Ho + py) * Wo + px) * s.C;
        for (let c = 0; c < s.C; c++) fn(e + c, p + c, row);
      }
    }
  }
}
