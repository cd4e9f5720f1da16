import { readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { ConfigError } from '../../errors.js';

/** At most this many entries are listed: a bound on memory for a wrong or hostile folder. */
export const MAX_ENTRIES = 5_000_000;
const MAX_DEPTH = 8;

/**
 * Every regular file under `dir` (relative paths, sorted), without following symbolic links to
 * directories (no loops) and at most {@link MAX_DEPTH} levels deep. Hidden entries are skipped.
 * @throws ConfigError if `dir` is not a readable directory or holds more than {@link MAX_ENTRIES} entries.
 */
export async function listTree(dir: string): Promise<string[]> {
  const files: string[] = [];
  let seen = 0;
  // `rel` is `at` relative to `dir`, built as we go (path.relative per file was a tenth of
  // indexing); sibling folders are listed concurrently (each listing is a trip to libuv's pool).
  const walk = async (at: string, rel: string, depth: number): Promise<void> => {
    const entries = await readdir(at, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      throw new ConfigError(`${at}: cannot list (${err.code ?? err.message})`);
    });
    seen += entries.length;
    if (seen > MAX_ENTRIES) throw new ConfigError(`${dir}: more than ${MAX_ENTRIES} entries; is this a dataset folder?`);
    const below: Promise<void>[] = [];
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const relPath = rel === '' ? e.name : `${rel}${sep}${e.name}`; // a listed name holds no separator
      if (e.isDirectory() && depth < MAX_DEPTH) below.push(walk(join(at, e.name), relPath, depth + 1));
      else if (e.isFile() || e.isSymbolicLink()) files.push(relPath);
    }
    await Promise.all(below);
  };
  await walk(dir, '', 0);
  return files.sort();
}
