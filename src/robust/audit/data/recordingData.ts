import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { readEventFile } from '../../../aedat/node/index.js';
import { ConfigError } from '../../../errors.js';
import { binSample } from '../../../transforms/binSample.js';
import type { AuditData } from './AuditData.js';

/** One labelled recording. */
export interface LabelledFile {
  readonly file: string;
  readonly label: number;
}

/** How recordings become samples: the whole recording in `bins` time bins on the model's sensor size. */
export interface RecordingBinning {
  readonly bins: number;
  readonly height: number;
  readonly width: number;
  /** `binary`: 1 where a bin has an event; `count`: event counts. */
  readonly values: 'binary' | 'count';
}

/**
 * Reads a JSON list `[{"file": …, "label": …}]` (paths relative to the list's folder).
 * @throws ConfigError for anything else (not a list, a missing file name, a label not an integer ≥ 0).
 */
export async function readRecordingList(path: string): Promise<LabelledFile[]> {
  let list: unknown;
  try {
    list = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`audit: ${path} is not JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(list)) throw new ConfigError(`audit: ${path} must hold a list [{"file": …, "label": …}]`);
  return list.map((e: unknown, i) => {
    const { file, label } = (e ?? {}) as { file?: unknown; label?: unknown };
    if (typeof file !== 'string' || file === '') throw new ConfigError(`audit: ${path} entry ${i}: "file" must be a file name`);
    if (typeof label !== 'number' || !Number.isInteger(label) || label < 0) throw new ConfigError(`audit: ${path} entry ${i}: "label" must be an integer ≥ 0`);
    return { file: resolve(dirname(path), file), label };
  });
}

/**
 * The recordings of a folder whose sub-folders are the classes (sorted names → labels 0, 1, …;
 * files sorted by name; hidden files such as `.DS_Store` are not recordings).
 * @throws ConfigError for a folder without class sub-folders.
 */
export async function readRecordingFolder(path: string): Promise<{ files: LabelledFile[]; classes: string[] }> {
  const entries = await readdir(path, { withFileTypes: true });
  const classes = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  if (classes.length === 0) throw new ConfigError(`audit: ${path} has no class sub-folders (expected ${path}/<class>/<recording>)`);
  const files: LabelledFile[] = [];
  for (const [label, name] of classes.entries()) {
    const inside = (await readdir(join(path, name), { withFileTypes: true })).filter((e) => (e.isFile() || e.isSymbolicLink()) && !e.name.startsWith('.')).map((e) => e.name).sort();
    for (const f of inside) files.push({ file: join(path, name, f), label });
  }
  return { files, classes };
}

/**
 * Decodes and bins every recording (whole recording → `bins` equal time bins, tonic edges'
 * inclusive variant: no event left out), after checking the samples fit `maxBytes`.
 * Events off the model's sensor (`source.outside`) and in no bin (`source.excluded`) are counted, never dropped silently.
 * @throws ConfigError for no recording or a budget overrun; DecodeError for a damaged recording.
 */
export async function recordingData(files: readonly LabelledFile[], b: RecordingBinning, maxBytes: number, source: Readonly<Record<string, unknown>>): Promise<AuditData> {
  if (files.length === 0) throw new ConfigError('audit: no recordings to audit');
  const per = b.bins * b.height * b.width * 2;
  if (files.length * per * 4 > maxBytes) {
    throw new ConfigError(`audit: ${files.length} recordings × [${b.bins}, ${b.height}, ${b.width}, 2] need ${Math.ceil((files.length * per * 4) / 2 ** 20)} MB, over the memory budget`);
  }
  const data = new Float32Array(files.length * per);
  let outside = 0;
  let excluded = 0;
  for (const [i, f] of files.entries()) {
    if (!(await stat(f.file)).isFile()) throw new ConfigError(`audit: ${f.file} is not a file`);
    const decoded = await readEventFile(f.file);
    if (decoded.error !== undefined) throw decoded.error;
    const s = binSample(decoded.events, { by: 'time', n: b.bins, edges: 'inclusive' }, { width: b.width, height: b.height, values: b.values });
    data.set(s.data, i * per);
    outside += s.outside;
    excluded += s.excluded;
  }
  return {
    samples: { size: files.length, shape: [b.bins, b.height, b.width, 2], get: (i) => ({ x: data.subarray(i * per, (i + 1) * per), label: files[i]!.label }) },
    source: { ...source, bins: b.bins, values: b.values, recordings: files.length, outside, excluded },
    inputs: files.map((f) => f.file),
  };
}
