/**
 * The seed of image `index`'s events under dataset seed `seed`: a 32-bit mix of both, so every
 * image gets its own stream whatever split or order it is read in.
 * @example sampleSeed(0, 17) === sampleSeed(0, 17) // true
 */
export function sampleSeed(seed: number, index: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}
