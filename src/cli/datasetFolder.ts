import { type Command, Option } from 'commander';
import { DATASET_LAYOUTS, type DatasetIndex, type DatasetLayout } from '../datasets/folders/DatasetIndex.js';
import { datasetSampleSet } from '../datasets/folders/datasetSampleSet.js';
import { openDatasetFolder } from '../datasets/folders/openDatasetFolder.js';
import { DEFAULT_PRESET, FRAME_PRESETS, framePreset } from '../datasets/folders/presets.js';
import { ConfigError } from '../errors.js';
import { encodePng } from '../report/png.js';
import { renderFrames } from '../report/renderFrames.js';
import { writeFileAtomic } from '../writeFileAtomic.js';
import { numberIn } from './numberOption.js';

/** Samples per class and split of an index, as printed by `dataset info`. */
function counts(index: DatasetIndex): { classes: { name: string; train: number; validation: number; test: number; unsplit: number }[]; total: number } {
  const classes = index.classes.map((name) => ({ name, train: 0, validation: 0, test: 0, unsplit: 0 }));
  for (const s of index.samples) {
    const c = classes[s.label]!;
    if (s.split === undefined) c.unsplit++;
    else c[s.split]++;
  }
  return { classes, total: index.samples.length };
}

async function info(dir: string, f: { layout?: DatasetLayout; json?: boolean }): Promise<void> {
  const index = await openDatasetFolder(dir, f.layout === undefined ? {} : { layout: f.layout });
  const c = counts(index);
  if (f.json === true) {
    process.stdout.write(`${JSON.stringify({ layout: index.layout, dir, sensor: index.sensor, samples: c.total, ignoredFiles: index.ignored, classes: c.classes })}\n`);
    return;
  }
  const sensor = index.sensor === null ? 'varies per file' : `${index.sensor.width}×${index.sensor.height}`;
  const lines = [`layout   ${index.layout}`, `sensor   ${sensor}`, `samples  ${c.total} in ${index.classes.length} classes${index.ignored > 0 ? ` (${index.ignored} other files ignored)` : ''}`];
  const split = c.classes.some((x) => x.train + x.validation + x.test > 0);
  const validation = c.classes.some((x) => x.validation > 0); // a column only where the folder has the split
  lines.push(split ? `  class                          train${validation ? '  valid.' : ''}   test  other` : '  class                          samples');
  for (const x of c.classes) {
    lines.push(split
      ? `  ${x.name.padEnd(30)} ${String(x.train).padStart(6)}${validation ? ` ${String(x.validation).padStart(6)}` : ''} ${String(x.test).padStart(6)} ${String(x.unsplit).padStart(6)}`
      : `  ${x.name.padEnd(30)} ${String(x.unsplit).padStart(7)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function render(dir: string, f: { layout?: DatasetLayout; index: number; out: string; preset?: string; scale: number }): Promise<void> {
  const index = await openDatasetFolder(dir, f.layout === undefined ? {} : { layout: f.layout });
  if (f.index >= index.samples.length) throw new ConfigError(`--index ${f.index}: the dataset has ${index.samples.length} samples (0..${index.samples.length - 1})`);
  const presetName = f.preset ?? DEFAULT_PRESET[index.layout];
  const set = datasetSampleSet(index, framePreset(presetName));
  const { x, label } = set.get(f.index);
  const { rgb, width, height } = renderFrames(x, set.shape, f.scale);
  await writeFileAtomic(f.out, encodePng(rgb, width, height));
  process.stdout.write(`wrote ${f.out}: sample ${f.index} (${index.samples[f.index]!.file}, class ${index.classes[label]}), ${set.shape[0]} frames of ${set.shape[2]}×${set.shape[1]} (preset ${presetName}), ${width}×${height} px\n`);
}

/**
 * Adds `dataset info DIR` (layout, sensor, samples per class and split) and `dataset render DIR
 * --index N --out x.png` (a sample's frames side by side, ON red, OFF blue) to `dataset`, for the
 * folders of N-MNIST, N-Caltech101, CIFAR10-DVS and DVS128 Gesture.
 */
export function addDatasetFolderCommands(dataset: Command): void {
  const layout = () => new Option('--layout <name>', 'folder layout (default: detected)').choices(DATASET_LAYOUTS);
  dataset.command('info')
    .description('counts per class and split of a dataset folder (N-MNIST, N-Caltech101, CIFAR10-DVS, DVS128 Gesture)')
    .argument('<dir>', 'dataset folder')
    .addOption(layout())
    .option('--json', 'one JSON object')
    .action(info);
  dataset.command('render')
    .description('a sample of a dataset folder as a PNG of its frames side by side (ON red, OFF blue)')
    .argument('<dir>', 'dataset folder')
    .requiredOption('--index <n>', 'sample number (in `dataset info` order: sorted files)', numberIn(0, 1e9, true))
    .requiredOption('--out <png>', 'PNG file to write')
    .addOption(new Option('--preset <name>', 'frames preset (default: the layout\'s)').choices(Object.keys(FRAME_PRESETS)))
    .option('--scale <k>', 'pixels per cell', numberIn(1, 32, true), 4)
    .addOption(layout())
    .action(render);
}
