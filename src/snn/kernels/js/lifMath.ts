import type { KernelSurrogate, LifKernelAttrs } from '../kernelNames.js';

const f32 = Math.fround;

/** LIF constants as the kernels use them: τ and θ rounded to float32, as tfjs scalars are. */
interface LifParams {
  readonly tau: number;
  readonly theta: number;
  readonly hard: boolean;
  readonly detach: boolean;
  /** The surrogate dH/du at `u = h − θ`. */
  readonly dsdu: (u: number) => number;
}

/** Binds kernel attrs to {@link LifParams}. */
export function lifParams(a: LifKernelAttrs): LifParams {
  return { tau: f32(a.tau), theta: f32(a.theta), hard: a.hardReset, detach: a.detachReset, dsdu: surrogateScalar(a.surrogate, a.gamma) };
}

/** The formulas of src/snn/surrogates.ts on one number (double precision). */
function surrogateScalar(name: KernelSurrogate, g: number): (u: number) => number {
  switch (name) {
    case 'triangle':
      return (u) => Math.max(0, g - Math.abs(u)) / (g * g);
    case 'sigmoid':
      return (u) => {
        const e = Math.exp(-g * Math.abs(u)); // γσ(γu)(1−σ(γu)), without cancellation
        return (g * e) / ((1 + e) * (1 + e));
      };
    case 'atan': {
      const k = (Math.PI / 2) * g;
      return (u) => g / 2 / (1 + (k * u) ** 2);
    }
    case 'rectangle': {
      const half = f32(g / 2);
      return (u) => (Math.abs(u) < half ? 1 / g : 0);
    }
    case 'fastSigmoid':
      return (u) => g / 2 / (1 + g * Math.abs(u)) ** 2;
    case 'straightThrough': {
      const width = f32(g);
      return (u) => (Math.abs(u) <= width ? 1 : 0);
    }
  }
}

/**
 * LIF forward over `T` steps of `N` elements (`I[t·N + i]`), in float32 steps identical to the
 * composed ops: spikes into `S` (skipped when null), final membrane into `V`.
 */
export function lifForwardJs(I: Float32Array, v0: Float32Array, S: Float32Array | null, V: Float32Array, T: number, N: number, p: LifParams): void {
  for (let i = 0; i < N; i++) {
    let v = v0[i]!;
    for (let t = 0; t < T; t++) {
      const h = f32(f32(p.tau * v) + I[t * N + i]!);
      const s = h >= p.theta ? 1 : 0;
      if (S !== null) S[t * N + i] = s;
      v = p.hard ? f32(h * (1 - s)) : f32(h - p.theta * s);
    }
    V[i] = v;
  }
}

/**
 * LIF backward (BPTT): recomputes `h_t` into `dI`, then runs the recurrence in reverse, leaving
 * `dL/dI_t` in `dI` and `dL/dv0` in `dv0`. `dS` (spike gradients, `[T·N]`) null = zero.
 */
export function lifBackwardJs(
  I: Float32Array, v0: Float32Array, dS: Float32Array | null, dV: Float32Array,
  dI: Float32Array, dv0: Float32Array, T: number, N: number, p: LifParams,
): void {
  lifMembranesJs(I, v0, dI, T, N, p);
  for (let i = 0; i < N; i++) {
    let gv = dV[i]!;
    for (let t = T - 1; t >= 0; t--) {
      const h = dI[t * N + i]!;
      const s = h >= p.theta ? 1 : 0;
      let ds = dS === null ? 0 : dS[t * N + i]!;
      if (!p.detach) ds += gv * (p.hard ? -h : -p.theta);
      const dh = gv * (p.hard ? 1 - s : 1) + ds * p.dsdu(f32(h - p.theta));
      dI[t * N + i] = dh;
      gv = p.tau * dh;
    }
    dv0[i] = gv;
  }
}

/** The charged membranes `h_t` (before reset) of every step, into `H`. */
function lifMembranesJs(I: Float32Array, v0: Float32Array, H: Float32Array, T: number, N: number, p: LifParams): void {
  for (let i = 0; i < N; i++) {
    let v = v0[i]!;
    for (let t = 0; t < T; t++) {
      const h = f32(f32(p.tau * v) + I[t * N + i]!);
      H[t * N + i] = h;
      const s = h >= p.theta ? 1 : 0;
      v = p.hard ? f32(h * (1 - s)) : f32(h - p.theta * s);
    }
  }
}
