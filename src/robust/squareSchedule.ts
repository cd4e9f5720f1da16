/**
 * Square attack's schedule of the fraction p of pixels changed per query (Andriushchenko et al.
 * 2020, rescaled to 10 000 queries as in their code): p_init until query 10, then halved at queries
 * 10, 50, 200, 500, 1000, 2000, 4000, 6000 and 8000. `query` counts from 0; `budget` is the run's
 * query count (the breakpoints scale with it).
 */
export function squareFraction(pInit: number, query: number, budget: number): number {
  const it = Math.floor((query / budget) * 10000);
  const breaks = [10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000];
  let p = pInit;
  for (const b of breaks) if (it > b) p /= 2;
  return p;
}

/** Side of the square in pixels for fraction p of an H×W frame: round(√(p·H·W)), in [1, min(H, W)]. */
export function squareSide(p: number, H: number, W: number): number {
  return Math.min(Math.max(Math.round(Math.sqrt(p * H * W)), 1), Math.min(H, W));
}
