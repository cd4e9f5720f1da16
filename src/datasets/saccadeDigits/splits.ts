import { ConfigError } from '../../errors.js';
import { permutation } from '../../snn/train/SampleSet.js';

/** The parts of saccade digits: model fitting, model selection, and the final measure only. */
export const SACCADE_SPLITS = ['train', 'validation', 'test'] as const;
export type SaccadeSplit = (typeof SACCADE_SPLITS)[number];

/** Images in the validation and in the test part (the rest trains). */
export const HELD_OUT = { validation: 1000, test: 1000 } as const;

/**
 * The MNIST image indices of a split: a seeded permutation of all `count` images cut into test
 * (first 1,000), validation (next 1,000) and train (the rest), each in that shuffled order (so its
 * first n samples mix all digits), disjoint and fixed by the seed alone. The test part never
 * selects models.
 * @throws ConfigError for an unknown split or too few images.
 * @example splitIndices('test', 10000, 0).length // 1000
 */
export function splitIndices(split: SaccadeSplit, count: number, seed: number): Uint32Array {
  if (!(SACCADE_SPLITS as readonly string[]).includes(split)) throw new ConfigError(`saccade digits: unknown split "${split}" (known: ${SACCADE_SPLITS.join(', ')})`);
  const heldOut = HELD_OUT.validation + HELD_OUT.test;
  if (count <= heldOut) throw new ConfigError(`saccade digits: ${count} images cannot hold ${heldOut} held-out ones`);
  const order = permutation(count, seed ^ 0x5acc4de);
  const [from, to] = split === 'test' ? [0, HELD_OUT.test] : split === 'validation' ? [HELD_OUT.test, heldOut] : [heldOut, count];
  return Uint32Array.from(order.slice(from, to));
}
