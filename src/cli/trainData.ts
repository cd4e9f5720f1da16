import { ConfigError } from '../errors.js';
import { movingBars } from '../datasets/movingBars.js';
import { saccadeDigits } from '../datasets/saccadeDigits/saccadeDigits.js';
import { splitValidation, type SampleSet } from '../snn/index.js';

/** Datasets `train` (and `audit`) generate themselves. */
export const GENERATED_DATASETS = ['moving-bars', 'saccade-digits'] as const;
export type GeneratedDataset = (typeof GENERATED_DATASETS)[number];

/** Classes of each generated dataset: a model is built with this many outputs. */
export const DATASET_CLASSES: Readonly<Record<GeneratedDataset, number>> = { 'moving-bars': 4, 'saccade-digits': 10 };

/** Samples a run uses when `--samples` is not given: 640 bars, the whole digit train split. */
export const DEFAULT_SAMPLES: Readonly<Record<GeneratedDataset, number>> = { 'moving-bars': 640, 'saccade-digits': 8000 };

/** What `train` needs of its data flags. */
export interface DataFlags { data: GeneratedDataset; samples: number; T: number; validation: number; seed: number }

/**
 * The training and validation sets of a run. moving-bars: `samples` generated (seed + 1), split by
 * the validation fraction; saccade-digits: the first `samples` of its fixed train split, and its
 * validation split for model selection (none when the fraction is 0); the test split is never used.
 * @throws ConfigError if the model's input is not the data's frame size.
 */
export async function trainingData(f: DataFlags, input: readonly number[], log: (line: string) => void): Promise<{ train: SampleSet; validation?: SampleSet }> {
  const [H, W] = input;
  if (f.data === 'moving-bars') {
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
