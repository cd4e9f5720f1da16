import type { Rng } from './Rng.js';

/**
 * A fast seeded {@link Rng} (mulberry32: 32-bit state, period 2^32): the same seed gives the same
 * sequence on every platform. Good for simulation and augmentation, not for cryptography.
 *
 * @example
 * const rng = seededRng(42); rng.next(); // 0.6011037519201636
 */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return {
    next(): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}
