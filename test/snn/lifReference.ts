/**
 * Plain-JS reference of the neurons in src/snn/neurons, element by element, for the tests.
 * Forward rounds every op to float32 (Math.fround) exactly as tfjs does, so spikes match bit for bit;
 * the backward is hand-written reverse mode in float64.
 */
const f = Math.fround;

export interface RefNeuron {
  /** Decay factor τ (1 for IF). */
  tau: number;
  theta: number;
  reset: 'hard' | 'soft';
  detachReset: boolean;
  /** dH/du of the surrogate, u = h − θ. */
  sg: (u: number) => number;
}

export interface RefTrace {
  s: Float64Array; // [T·N] spikes
  h: Float64Array; // [T·N] charged membrane
  vPrev: Float64Array; // [T·N] membrane before each charge
  v: Float64Array; // [N] final membrane
}

/** Forward over x [T·N] (time-major); v starts at 0. */
export function refForward(o: RefNeuron, x: Float32Array, T: number): RefTrace {
  const N = x.length / T;
  const s = new Float64Array(T * N), h = new Float64Array(T * N), vPrev = new Float64Array(T * N);
  const v = new Float64Array(N);
  const tau = f(o.tau), theta = f(o.theta); // tfjs holds scalars as float32
  for (let t = 0; t < T; t++) {
    for (let n = 0; n < N; n++) {
      const i = t * N + n;
      vPrev[i] = v[n]!;
      const hi = tau === 1 ? f(v[n]! + x[i]!) : f(f(tau * v[n]!) + x[i]!);
      const si = f(hi - theta) >= 0 ? 1 : 0;
      h[i] = hi;
      s[i] = si;
      v[n] = o.reset === 'hard' ? f(hi * f(1 - si)) : f(hi - f(si * theta));
    }
  }
  return { s, h, vPrev, v };
}

/**
 * Reverse mode of L = Σ cS·s + Σ cV·v_T: returns dL/dx [T·N] and dL/dτ (summed over elements).
 */
export function refBackward(o: RefNeuron, tr: RefTrace, cS: Float32Array, cV: Float32Array, T: number) {
  const N = cV.length;
  const gx = new Float64Array(T * N);
  const gv = Float64Array.from(cV);
  let gTau = 0;
  const tau = f(o.tau), theta = f(o.theta);
  for (let t = T - 1; t >= 0; t--) {
    for (let n = 0; n < N; n++) {
      const i = t * N + n;
      const hi = tr.h[i]!, si = tr.s[i]!;
      const dvds = o.detachReset ? 0 : o.reset === 'hard' ? -hi : -theta;
      const dvdh = o.reset === 'hard' ? 1 - si : 1;
      const gs = cS[i]! + gv[n]! * dvds;
      const gh = gv[n]! * dvdh + gs * o.sg(f(hi - theta));
      gx[i] = gh;
      gTau += gh * tr.vPrev[i]!;
      gv[n] = gh * tau;
    }
  }
  return { gx, gTau };
}

/** The JS twins of two surrogates' grad. */
export const sgSigmoid = (a: number) => (u: number) => {
  const s = 1 / (1 + Math.exp(-a * u));
  return a * s * (1 - s);
};
export const sgTriangle = (g: number) => (u: number) => Math.max(0, g - Math.abs(u)) / (g * g);
