import type { Rng } from './Rng.js';

/**
 * A Poisson-distributed count with mean `lambda` from `rng`: Knuth's product method below 30,
 * a rounded normal approximation (Box–Muller) above. Deterministic for the rng's state.
 *
 * @example
 * const n = poisson(rng, 0.5 * width * height * stepUs / 1e6); // noise events in one step
 */
export function poisson(rng: Rng, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let prod = rng.next();
    while (prod > limit) {
      k++;
      prod *= rng.next();
    }
    return k;
  }
  const u1 = 1 - rng.next(); // (0, 1]: log is finite
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rng.next());
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
}
