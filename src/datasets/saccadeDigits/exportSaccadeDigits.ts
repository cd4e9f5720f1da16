import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAedat4 } from '../../aedat/aedat4/Aedat4Writer.js';
import { encodeNmnist } from '../../aedat/nmnist/encodeNmnist.js';
import { ConfigError } from '../../errors.js';
import { writeFileAtomic } from '../../writeFileAtomic.js';
import { generateSaccadeDigit } from './generateSaccadeDigit.js';
import { mnistDigits, MNIST_SIDE } from './mnistDigits.js';
import { checkSaccadeParams, GENERATOR_VERSION, type SaccadeParams } from './SaccadeParams.js';
import { sampleSeed } from './sampleSeed.js';
import { SACCADE_SPLITS, splitIndices, type SaccadeSplit } from './splits.js';

/** File formats a saccade-digits export writes: AEDAT 4.0 (LZ4) or N-MNIST's 40-bit `.bin`. */
export type ExportFormat = 'aedat4' | 'nmnist';

/** Options of {@link exportSaccadeDigits}. */
export interface ExportOptions {
  readonly dir: string;
  readonly format: ExportFormat;
  readonly splits: readonly SaccadeSplit[];
  readonly params: SaccadeParams;
  readonly seed: number;
  /** At most this many samples per split (its first ones). */
  readonly limit?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** One written sample, as listed in `manifest.json`. */
export interface ExportedFile {
  readonly file: string;
  readonly split: SaccadeSplit;
  readonly label: number;
  /** Index of the MNIST image in the `mnist` package (digit-major). */
  readonly image: number;
  readonly events: number;
}

const FOLDER: Readonly<Record<SaccadeSplit, string>> = { train: 'Train', validation: 'Validation', test: 'Test' };

/**
 * Writes saccade digits as files any event tool reads, in N-MNIST's layout:
 * `DIR/Train|Validation|Test/<digit>/<image>.bin|.aedat4` (image = the MNIST index, 5 digits), plus
 * `DIR/manifest.json` (generator version and parameters, seed, format, counts, every file with its
 * label). Each file is written whole (temporary name, then renamed); the events are exactly those
 * the training frames are binned from.
 * @throws ConfigError if DIR exists and is not empty, or for invalid parameters.
 * @example await exportSaccadeDigits({ dir: 'digits', format: 'aedat4', splits: ['test'], params: SACCADE_DEFAULTS, seed: 0, limit: 20 });
 */
export async function exportSaccadeDigits(o: ExportOptions): Promise<{ files: ExportedFile[]; manifest: string }> {
  checkSaccadeParams(o.params);
  const existing = await readdir(o.dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  if (existing.length > 0) throw new ConfigError(`${o.dir} is not empty: export into a new or empty directory`);
  const digits = mnistDigits();
  const plan = o.splits.flatMap((split) => {
    const all = splitIndices(split, digits.count, o.seed);
    return [...(o.limit === undefined ? all : all.subarray(0, o.limit))].map((image) => ({ split, image }));
  });
  const files: ExportedFile[] = [];
  const extension = o.format === 'aedat4' ? 'aedat4' : 'bin';
  for (const [k, { split, image }] of plan.entries()) {
    const label = digits.labels[image]!;
    const events = generateSaccadeDigit(digits.images.subarray(image * MNIST_SIDE * MNIST_SIDE, (image + 1) * MNIST_SIDE * MNIST_SIDE), o.params, sampleSeed(o.seed, image));
    const folder = join(FOLDER[split], String(label));
    const file = join(folder, `${String(image).padStart(5, '0')}.${extension}`);
    await mkdir(join(o.dir, folder), { recursive: true });
    const bytes = o.format === 'aedat4'
      ? writeAedat4([events], { width: o.params.side, height: o.params.side, compression: 'lz4', source: 'spikeguard saccade-digits' })
      : encodeNmnist(events);
    await writeFileAtomic(join(o.dir, file), bytes);
    files.push({ file, split, label, image, events: events.t.length });
    o.onProgress?.(k + 1, plan.length);
  }
  const counts = Object.fromEntries(SACCADE_SPLITS.filter((s) => o.splits.includes(s)).map((s) => [s, files.filter((f) => f.split === s).length]));
  const manifest = join(o.dir, 'manifest.json');
  const body = {
    dataset: 'saccade-digits', generator: GENERATOR_VERSION, mnist: digits.version, seed: o.seed, format: o.format,
    sensor: { width: o.params.side, height: o.params.side }, params: o.params, counts, files,
  };
  await writeFileAtomic(manifest, `${JSON.stringify(body, null, 1)}\n`);
  return { files, manifest };
}
