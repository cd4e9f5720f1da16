/** Geometry of a stride-1, dilation-1 conv2d: x `[N,H,W,Cin]`, filter `[KH,KW,Cin,Cout]`, y `[N,Ho,Wo,Cout]`. */
export interface ConvGeometry {
  readonly N: number;
  readonly H: number;
  readonly W: number;
  readonly Cin: number;
  readonly KH: number;
  readonly KW: number;
  readonly Cout: number;
  readonly Ho: number;
  readonly Wo: number;
  /** Top and left zero padding. */
  readonly pt: number;
  readonly pl: number;
}

/** Calls `fn(x value, output offset, tap offset)` for every non-zero input and every tap it reaches. */
function forEachNonZeroTap(x: Float32Array, g: ConvGeometry, fn: (xv: number, o: number, k: number) => void): void {
  for (let n = 0; n < g.N; n++) {
    for (let iy = 0; iy < g.H; iy++) {
      const ky0 = Math.max(0, iy + g.pt - g.Ho + 1);
      const ky1 = Math.min(g.KH - 1, iy + g.pt);
      for (let ix = 0; ix < g.W; ix++) {
        const kx0 = Math.max(0, ix + g.pl - g.Wo + 1);
        const kx1 = Math.min(g.KW - 1, ix + g.pl);
        const base = ((n * g.H + iy) * g.W + ix) * g.Cin;
        for (let ci = 0; ci < g.Cin; ci++) {
          const xv = x[base + ci]!;
          if (xv === 0) continue;
          for (let ky = ky0; ky <= ky1; ky++) {
            for (let kx = kx0; kx <= kx1; kx++) {
              fn(xv, ((n * g.Ho + iy + g.pt - ky) * g.Wo + ix + g.pl - kx) * g.Cout, ((ky * g.KW + kx) * g.Cin + ci) * g.Cout);
            }
          }
        }
      }
    }
  }
}

/** `y = conv2d(x, w)` by scattering `x · w[ky,kx,ci,:]` from non-zero inputs (`y` is overwritten). */
export function spikeConvForwardJs(x: Float32Array, w: Float32Array, y: Float32Array, g: ConvGeometry): void {
  y.fill(0);
  forEachNonZeroTap(x, g, (xv, o, k) => {
    for (let c = 0; c < g.Cout; c++) y[o + c]! += xv * w[k + c]!;
  });
}

/** `dw = dL/dw` of `y = conv2d(x, w)` from non-zero inputs only (`dw` is overwritten). */
export function convFilterGradJs(x: Float32Array, dy: Float32Array, dw: Float32Array, g: ConvGeometry): void {
  dw.fill(0);
  forEachNonZeroTap(x, g, (xv, o, k) => {
    for (let c = 0; c < g.Cout; c++) dw[k + c]! += xv * dy[o + c]!;
  });
}
