import { ConfigError } from '../../errors.js';
import type { SampleSet } from '../../snn/train/SampleSet.js';
import { binSample } from '../../transforms/binSample.js';
import type { DatasetIndex, DatasetSplit } from './DatasetIndex.js';
import type { FramePreset } from './presets.js';
import { sampleReader } from './readSampleEvents.js';
import { resizeFrames } from './resizeFrames.js';

/** A dataset's samples as frames, and the counts of what binning left out. */
export interface DatasetFrames extends SampleSet {
  /** Events off the sensor so far (counted, not binned). */
  readonly outside: () => number;
  /** Truncated-tail warnings met so far (files whose last record was cut). */
  readonly truncated: () => number;
}

/**
 * The samples of `index` (or of its `split`) as a {@link SampleSet} of frames made by `preset`,
 * each decoded and binned when read (`get` is synchronous; nothing is kept but the last file's events).
 * @throws ConfigError when the dataset has no sensor size and the preset names none, or the split is empty.
 * @example const set = datasetSampleSet(await openDatasetFolder('CIFAR10DVS'), framePreset('cifar10dvs-paper'));
 */
export function datasetSampleSet(index: DatasetIndex, preset: FramePreset, split?: DatasetSplit): DatasetFrames {
  const sensor = index.sensor ?? preset.sensor;
  if (sensor === undefined) throw new ConfigError(`${index.dir}: ${index.layout} has no fixed sensor size; use a preset that names one`);
  const picked = index.samples.map((_, i) => i).filter((i) => split === undefined || index.samples[i]!.split === split);
  if (picked.length === 0) throw new ConfigError(`${index.dir}: no ${split ?? ''} samples`);
  const [height, width] = preset.resize ?? [sensor.height, sensor.width];
  const read = sampleReader(index, { lend: true }); // binned at once, before the next read
  let outside = 0;
  let truncated = 0;
  return {
    size: picked.length,
    shape: [preset.n, height, width, 2],
    outside: () => outside,
    truncated: () => truncated,
    get: (i) => {
      const at = picked[i];
      if (at === undefined) throw new ConfigError(`sample ${i} is outside 0..${picked.length - 1}`);
      const { events, warning } = read(at);
      if (warning !== undefined) truncated++;
      const frames = binSample(events, { by: preset.by, n: preset.n, edges: 'inclusive' }, { width: sensor.width, height: sensor.height, values: preset.values });
      outside += frames.outside;
      const x = preset.resize === undefined ? frames.data : resizeFrames(frames.data, frames.shape, height, width);
      return { x, label: index.samples[at]!.label };
    },
  };
}
