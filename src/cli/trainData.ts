import { stat } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { movingBars } from '../datasets/movingBars.js';
import { saccadeDigits } from '../datasets/saccadeDigits/saccadeDigits.js';
import { DEFAULT_PRESET, datasetSampleSet, framePreset, openDatasetFolder, type DatasetIndex, type FramePreset } from '../datasets/index.js';
import { splitValidation, subset, type SampleSet } from '../snn/index.js';

/** Datasets `train` (and `audit`) generate themselves. */
export const GENERATED_DATASETS = ['moving-bars', 'saccade-digits'] as const;
export type GeneratedDataset = (typeof GENERATED_DATASETS)[number];

/** Classes of each generated dataset: a model is built with this many outputs. */
export const DATASET_CLASSES: Readonly<Record<GeneratedDataset, number>> = { 'moving-bars': 4, 'saccade-digits': 10 };

/** Samples a run uses when `--samples` is not given: 640 bars, the whole digit train split. */
export const DEFAULT_SAMPLES: Readonly<Record<GeneratedDataset, number>> = { 'moving-bars': 640, 'saccade-digits': 8000 };

/** What `train` needs of its data flags. */
export interface DataFlags {
  /** A generated dataset's name, or a dataset folder (N-MNIST, N-Caltech101, CIFAR10-DVS, DVS128 Gesture). */
  data: string; samples: number; T: number; validation: number; seed: number;
  /** A folder's frame preset (default: its layout's); its frame count is replaced by `T`. */
  preset?: string;
}

/** What a `--data` value names: a generated dataset, or an indexed dataset folder. */
export type DataSource = { readonly kind: 'generated'; readonly name: GeneratedDataset } | { readonly kind: 'folder'; readonly index: DatasetIndex };

const isGenerated = (data: string): data is GeneratedDataset => (GENERATED_DATASETS as readonly string[]).includes(data);

/**
 * Resolves `--data`: a generated dataset's name, or a dataset folder (indexed, nothing decoded).
 * @throws ConfigError for anything else, or a folder of no known layout.
 */
export async function dataSource(data: string): Promise<DataSource> {
  if (isGenerated(data)) return { kind: 'generated', name: data };
  if ((await stat(data).catch(() => undefined))?.isDirectory() !== true) {
    throw new ConfigError(`--data ${data}: neither ${GENERATED_DATASETS.join(' nor ')} nor a dataset folder`);
  }
  return { kind: 'folder', index: await openDatasetFolder(data) };
}

/** Classes of the data: the model is built with this many outputs. */
export function classCount(source: DataSource): number {
  return source.kind === 'generated' ? DATASET_CLASSES[source.name] : source.index.classes.length;
}

/** Training samples when `--samples` is not given: every sample of a folder's train split. */
export function defaultSamples(source: DataSource): number {
  return source.kind === 'generated' ? DEFAULT_SAMPLES[source.name] : trainSamplesOf(source.index).length;
}

/**
 * The samples a folder trains on: its train split, or every sample of a layout without splits.
 * @throws ConfigError for a folder with splits but no train samples (never train on a test split).
 */
function trainSamplesOf(index: DatasetIndex): number[] {
  if (index.samples.every((s) => s.split === undefined)) return index.samples.map((_, i) => i);
  const train = index.samples.flatMap((s, i) => (s.split === 'train' ? [i] : []));
  if (train.length === 0) throw new ConfigError(`${index.dir}: no train split (only test samples), and a test split is never trained on`);
  return train;
}

/** A folder's frame preset: the one named, else its layout's. @throws ConfigError for an unknown name. */
export function folderPreset(index: DatasetIndex, name?: string): FramePreset {
  return framePreset(name ?? DEFAULT_PRESET[index.layout]);
}

/**
 * The training and validation sets of a run. moving-bars: `samples` generated (seed + 1), split by
 * the validation fraction; saccade-digits: the first `samples` of its fixed train split, and its
 * validation split for model selection (none when the fraction is 0); a dataset folder: the first
 * `samples` of its train split (every sample if it has no splits) as frames of its preset, decoded
 * when read, and for validation its own validation split where it has one (a saccade-digits
 * export), else a part of those samples by the validation fraction. A test split is never used.
 * @throws ConfigError if the model's input is not the data's frame size.
 */
export async function trainingData(f: DataFlags, source: DataSource, input: readonly number[], log: (line: string) => void): Promise<{ train: SampleSet; validation?: SampleSet }> {
  const [H, W] = input;
  if (source.kind === 'folder') {
    const { index } = source;
    const all = datasetSampleSet(index, { ...folderPreset(index, f.preset), n: f.T });
    const [h, w] = all.shape.slice(1);
    if (h !== H || w !== W) throw new ConfigError(`${index.dir}: the ${f.preset ?? DEFAULT_PRESET[index.layout]} preset makes ${h}×${w} frames; the model takes ${H}×${W} (choose --arch or --preset)`);
    const data = subset(all, trainSamplesOf(index).slice(0, f.samples));
    const own = index.samples.flatMap((s, i) => (s.split === 'validation' ? [i] : []));
    log(`dataset ${index.dir} (${index.layout}): ${data.size} training samples${f.validation > 0 && own.length > 0 ? `, its ${own.length} validation samples` : ''}, frames [${all.shape.join(', ')}]`);
    if (f.validation > 0 && own.length > 0) return { train: data, validation: subset(all, own) };
    const { train, validation } = splitValidation(data, f.validation, f.seed);
    return f.validation > 0 ? { train, validation } : { train };
  }
  if (source.name === 'moving-bars') {
    if (H !== W) throw new ConfigError(`moving-bars makes square frames; the model takes ${H}×${W}`);
    const data = movingBars({ samples: f.samples, T: f.T, size: H!, seed: f.seed + 1 });
    const { train, validation } = splitValidation(data, f.validation, f.seed);
    return f.validation > 0 ? { train, validation } : { train };
  }
  if (H !== 34 || W !== 34) throw new ConfigError(`saccade-digits frames are 34×34; the model takes ${H}×${W}`);
  const progress = (what: string) => (done: number, total: number): void => log(`generating saccade digits (${what}): ${done}/${total}`);
  const train = await saccadeDigits({ split: 'train', T: f.T, limit: f.samples, onProgress: progress('train') });
  if (f.validation === 0) return { train };
  return { train, validation: await saccadeDigits({ split: 'validation', T: f.T, onProgress: progress('validation') }) };
}
