import type { Rng } from '../../events/Rng.js';

/**
 * Fills `out` with independent normal samples of mean 0 and standard deviation `sigma` from `rng`
 * (Box–Muller, both values of each pair used: two `rng.next()` per two samples). Deterministic for
 * the rng's state.
 *
 * @example
 * const dx = fillGaussian(seededRng(1), new Float64Array(n), 1.5);
 */
export function fillGaussian(rng: Rng, out: Float64Array, sigma: number): Float64Array {
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    const r = sigma * Math.sqrt(-2 * Math.log(1 - rng.next())); // 1 − u ∈ (0, 1]: finite log
    const a = 2 * Math.PI * rng.next();
    out[i] = r * Math.cos(a);
    if (i + 1 < n) out[i + 1] = r * Math.sin(a);
  }
  return out;
}
