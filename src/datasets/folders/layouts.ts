import { readFile } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { ConfigError } from '../../errors.js';
import type { DatasetIndex, DatasetLayout, DatasetSample, DatasetSplit } from './DatasetIndex.js';

/** CIFAR10-DVS class folders, in the label order of the dataset (and of tonic). */
export const CIFAR10DVS_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'] as const;

/** DVS128 Gesture's 11 classes (CSV class 1–11 → label 0–10). */
export const DVSGESTURE_CLASSES = [
  'hand clap', 'right hand wave', 'left hand wave', 'right arm clockwise', 'right arm counter clockwise',
  'left arm clockwise', 'left arm counter clockwise', 'arm roll', 'air drums', 'air guitar', 'other gestures',
] as const;

const parts = (file: string): string[] => file.split(sep);

/** N-MNIST's split folders (any case); `Validation` is what saccade-digits exports add. */
const NMNIST_SPLITS: ReadonlyMap<string, DatasetSplit> = new Map([['train', 'train'], ['validation', 'validation'], ['test', 'test']]);

/** N-MNIST: `Train|Test/<digit>/<id>.bin` (and saccade-digits exports: `Validation/`, `.aedat4`), 34×34. */
export function nmnistIndex(dir: string, files: readonly string[]): DatasetIndex {
  const samples: DatasetSample[] = [];
  for (const f of files) {
    const p = parts(f);
    // a Map, not an object: a folder named `constructor` is no split
    const split = p.length >= 3 ? NMNIST_SPLITS.get(p[p.length - 3]!.toLowerCase()) : undefined;
    const digit = p.length >= 2 ? p[p.length - 2]! : '';
    if (split === undefined || !/^[0-9]$/.test(digit) || !/\.(bin|aedat4)$/.test(f)) continue;
    samples.push({ file: f, label: Number(digit), split });
  }
  return { layout: 'nmnist', dir, classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], samples, sensor: { width: 34, height: 34 }, ignored: files.length - samples.length };
}

/** N-Caltech101: `[Caltech101/]<class>/image_XXXX.bin`, classes sorted by name, variable sizes. */
export function ncaltechIndex(dir: string, files: readonly string[]): DatasetIndex {
  const bins = files.filter((f) => f.endsWith('.bin') && parts(f).length >= 2);
  const classOf = (f: string): string => basename(dirname(f));
  const classes = [...new Set(bins.map(classOf))].sort();
  const samples = bins.map((f) => ({ file: f, label: classes.indexOf(classOf(f)) }));
  return { layout: 'ncaltech101', dir, classes, samples, sensor: null, ignored: files.length - samples.length };
}

/** CIFAR10-DVS: `<class>/<file>.aedat|.aedat4` for the 10 CIFAR-10 classes, 128×128; no official split. */
export function cifar10dvsIndex(dir: string, files: readonly string[]): DatasetIndex {
  const samples: DatasetSample[] = [];
  for (const f of files) {
    const label = (CIFAR10DVS_CLASSES as readonly string[]).indexOf(basename(dirname(f)));
    if (label >= 0 && /\.aedat4?$/.test(f)) samples.push({ file: f, label });
  }
  return { layout: 'cifar10dvs', dir, classes: [...CIFAR10DVS_CLASSES], samples, sensor: { width: 128, height: 128 }, ignored: files.length - samples.length };
}

/**
 * DVS128 Gesture: `userXX_<lighting>.aedat` (AEDAT 3.1) with `userXX_<lighting>_labels.csv`
 * (`class,startTime_usec,endTime_usec`), one sample per CSV row; `trials_to_train.txt` /
 * `trials_to_test.txt` give the split.
 * @throws ConfigError naming file and line for a malformed CSV row, a class outside 1–11 or an empty interval.
 */
export async function dvsGestureIndex(dir: string, files: readonly string[]): Promise<DatasetIndex> {
  const listed = async (name: string): Promise<Set<string>> => {
    const f = files.find((x) => basename(x) === name);
    if (f === undefined) return new Set();
    return new Set((await readFile(join(dir, f), 'utf8')).split(/\r?\n/).map((l) => basename(l.trim())).filter((l) => l !== ''));
  };
  const train = await listed('trials_to_train.txt');
  const test = await listed('trials_to_test.txt');
  const samples: DatasetSample[] = [];
  let used = 0;
  for (const f of files.filter((x) => x.endsWith('.aedat'))) {
    const csv = files.find((x) => x === f.replace(/\.aedat$/, '_labels.csv'));
    if (csv === undefined) continue;
    used += 2;
    const name = basename(f);
    const split = train.has(name) ? 'train' : test.has(name) ? 'test' : undefined;
    const lines = (await readFile(join(dir, csv), 'utf8')).split(/\r?\n/);
    lines.forEach((line, i) => {
      const text = line.trim();
      if (text === '' || (i === 0 && /class/i.test(text))) return;
      const cells = text.split(',').map((c) => c.trim());
      const [cls, start, end] = cells.map(Number);
      const where = `${csv}:${i + 1}`;
      if (cells.length !== 3 || !Number.isInteger(cls) || !Number.isFinite(start) || !Number.isFinite(end)) throw new ConfigError(`${where}: expected class,startTime_usec,endTime_usec, got "${text}"`);
      if (cls! < 1 || cls! > DVSGESTURE_CLASSES.length) throw new ConfigError(`${where}: class ${cls} is outside 1–${DVSGESTURE_CLASSES.length}`);
      if (!(end! > start!)) throw new ConfigError(`${where}: the interval ${start}..${end} is empty`);
      samples.push({ file: f, label: cls! - 1, startUs: start!, endUs: end!, ...(split === undefined ? {} : { split }) });
    });
  }
  const lists = files.filter((x) => /^trials_to_(train|test)\.txt$/.test(basename(x))).length;
  return { layout: 'dvsgesture', dir, classes: [...DVSGESTURE_CLASSES], samples, sensor: { width: 128, height: 128 }, ignored: files.length - used - lists };
}

/**
 * The layout a file list looks like: DVS Gesture (label CSVs), N-MNIST (`Train`/`Test` digit
 * folders), CIFAR10-DVS (its class folders) or N-Caltech101 (class folders of `.bin`).
 * @throws ConfigError when none fits.
 */
export function detectLayout(dir: string, files: readonly string[]): DatasetLayout {
  if (files.some((f) => f.endsWith('_labels.csv'))) return 'dvsgesture';
  if (files.some((f) => /(^|[/\\])(train|validation|test)[/\\][0-9][/\\][^/\\]+\.(bin|aedat4)$/i.test(f))) return 'nmnist';
  if (files.some((f) => /\.aedat4?$/.test(f) && (CIFAR10DVS_CLASSES as readonly string[]).includes(basename(dirname(f))))) return 'cifar10dvs';
  if (files.some((f) => f.endsWith('.bin') && parts(f).length >= 2)) return 'ncaltech101';
  throw new ConfigError(`${dir}: no known dataset layout (N-MNIST Train|Test/<digit>/*.bin (or .aedat4), N-Caltech101 <class>/*.bin, CIFAR10-DVS <class>/*.aedat[4], DVS Gesture *.aedat + *_labels.csv)`);
}
