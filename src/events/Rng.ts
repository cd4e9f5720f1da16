/**
 * A seeded source of uniform random numbers: `next()` in [0, 1). Sources and transforms take one
 * instead of calling `Math.random`, so runs repeat for a seed (see {@link seededRng}).
 */
export interface Rng {
  next(): number;
}
