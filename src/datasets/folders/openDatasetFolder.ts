import { stat } from 'node:fs/promises';
import { compileWasmKernelsAhead } from '../../aedat/aedat4/codecs/wasm/wasmKernels.js';
import { ConfigError } from '../../errors.js';
import { DATASET_LAYOUTS, type DatasetIndex, type DatasetLayout } from './DatasetIndex.js';
import { cifar10dvsIndex, detectLayout, dvsGestureIndex, ncaltechIndex, nmnistIndex } from './layouts.js';
import { listTree } from './listTree.js';

/**
 * Indexes a downloaded dataset folder (N-MNIST, N-Caltech101, CIFAR10-DVS or DVS128 Gesture, as
 * their authors distribute them and Tonic expects them): labelled samples in a stable order
 * (sorted paths; DVS Gesture rows in CSV order), no file decoded yet.
 * @throws ConfigError for a missing folder, an unknown layout, a malformed label file or no samples.
 * @example const index = await openDatasetFolder('data/NMNIST'); index.samples.length
 */
export async function openDatasetFolder(dir: string, o: { layout?: DatasetLayout } = {}): Promise<DatasetIndex> {
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) throw new ConfigError(`${dir} is not a directory`);
  if (o.layout !== undefined && !(DATASET_LAYOUTS as readonly string[]).includes(o.layout)) throw new ConfigError(`unknown layout "${o.layout}" (known: ${DATASET_LAYOUTS.join(', ')})`);
  const [files] = await Promise.all([listTree(dir), compileWasmKernelsAhead()]); // decoding follows
  const layout = o.layout ?? detectLayout(dir, files);
  const index = layout === 'nmnist' ? nmnistIndex(dir, files)
    : layout === 'ncaltech101' ? ncaltechIndex(dir, files)
      : layout === 'cifar10dvs' ? cifar10dvsIndex(dir, files)
        : await dvsGestureIndex(dir, files);
  if (index.samples.length === 0) throw new ConfigError(`${dir}: no ${layout} samples found`);
  return index;
}
