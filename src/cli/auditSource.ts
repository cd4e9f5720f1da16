import { stat } from 'node:fs/promises';
import { movingBars } from '../datasets/movingBars.js';
import { DIGIT_CLASSES, saccadeDigits } from '../datasets/saccadeDigits/saccadeDigits.js';
import { ConfigError } from '../errors.js';
import { npzData, readRecordingFolder, readRecordingList, recordingData, type AuditData } from '../robust/index.js';
import { subset, type SnnModel } from '../snn/index.js';

/** The `--data` flags of `spikeguard audit`. */
export interface SourceFlags {
  data: string; samples?: number; T: number; dataSeed: number; bins: number; values: 'binary' | 'count';
}

/**
 * Resolves `--data`: `moving-bars` (generated at the model's size), `saccade-digits` (its test
 * split: never used to train or select a model), a `.npz` of spike tensors,
 * a `.json` list of labelled recordings or a folder with one sub-folder per class; `--samples`
 * keeps the first N (moving-bars: generates N).
 * @throws ConfigError for a source that is none of these.
 */
export async function auditSource(f: SourceFlags, model: SnnModel, maxBytes: number): Promise<AuditData> {
  const [height, width] = model.spec.input;
  const binning = { bins: f.bins, height, width, values: f.values };
  const first = <T>(list: T[]): T[] => (f.samples === undefined ? list : list.slice(0, f.samples));
  let d: AuditData;
  if (f.data === 'moving-bars') {
    const o = { samples: f.samples ?? 256, T: f.T, size: height, seed: f.dataSeed };
    if (height !== width || model.spec.input[2] !== 2) throw new ConfigError(`audit: moving-bars are square [T, n, n, 2]; the model takes [${model.spec.input.join(', ')}]`);
    return { samples: movingBars(o), source: { kind: 'moving-bars', ...o }, inputs: [] };
  } else if (f.data === 'saccade-digits') {
    if (height !== 34 || width !== 34 || model.spec.input[2] !== 2) throw new ConfigError(`audit: saccade digits are [T, 34, 34, 2]; the model takes [${model.spec.input.join(', ')}]`);
    const set = await saccadeDigits({ split: 'test', T: f.T, ...(f.samples === undefined ? {} : { limit: f.samples }) });
    const source = { kind: 'saccade-digits', split: 'test', T: f.T, samples: set.size, seed: set.seed, classes: [...DIGIT_CLASSES] };
    return { samples: set, source, inputs: [] };
  } else if (f.data.endsWith('.npz')) {
    d = await npzData(f.data, maxBytes);
  } else if (f.data.endsWith('.json')) {
    d = await recordingData(first(await readRecordingList(f.data)), binning, maxBytes, { kind: 'recording-list', path: f.data });
  } else if ((await stat(f.data).catch(() => undefined))?.isDirectory() === true) {
    const { files, classes } = await readRecordingFolder(f.data);
    d = await recordingData(first(files), binning, maxBytes, { kind: 'recording-folder', path: f.data, classes });
  } else {
    throw new ConfigError(`audit: --data ${f.data} is neither moving-bars, saccade-digits, a .npz, a .json list of recordings nor a folder of class sub-folders`);
  }
  if (f.samples === undefined || f.samples >= d.samples.size) return d;
  return { ...d, samples: subset(d.samples, [...Array(f.samples).keys()]), source: { ...d.source, firstSamples: f.samples } };
}
