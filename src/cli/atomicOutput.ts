import { randomBytes } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../errors.js';

/** An output file being written under a temporary name beside it. */
export interface AtomicOutput {
  /** The path the user asked for. */
  readonly path: string;
  /** Where to write: a hidden file in the same directory, so the final rename cannot cross devices. */
  readonly tempPath: string;
  /** Renames the temporary file onto `path` (replacing what was there). */
  commit(): Promise<void>;
  /** Removes the temporary file; never throws. */
  abort(): Promise<void>;
}

/**
 * Checks that `path` can take a command's output and picks its temporary name, before anything
 * is read or any connection is made. An output that is one of the `inputs` — the same path,
 * another spelling of it, a symlink or a hard link to it (same device and inode) — is refused,
 * as writing it would destroy the input while it is still being read.
 * @throws ConfigError when `path` is an input or a directory, or its directory is not one;
 *   Node's fs error (ENOENT, EACCES, naming the path) when its directory cannot be reached.
 */
export async function prepareOutput(path: string, inputs: readonly string[] = []): Promise<AtomicOutput> {
  const dir = dirname(path);
  if (!(await stat(dir)).isDirectory()) throw new ConfigError(`${path}: ${dir} is not a directory`);
  const existing = await statIfExists(path);
  if (existing?.isDirectory()) throw new ConfigError(`${path} is a directory, not an output file`);
  for (const input of inputs) {
    const s = existing && (await statIfExists(input));
    if (s && s.dev === existing.dev && s.ino === existing.ino) {
      throw new ConfigError(`${path} is the input ${input}: writing it would destroy the input; choose another output`);
    }
  }
  const tempPath = join(dir, `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  return {
    path,
    tempPath,
    commit: () => rename(tempPath, path),
    abort: () => rm(tempPath, { force: true }).catch(() => undefined),
  };
}

/**
 * Writes a command's output atomically: `write` gets a temporary path in the target directory,
 * which is renamed onto `path` only when `write` resolves; when it throws, the temporary file is
 * removed and nothing is left at `path` (an existing file there is kept unchanged).
 * @throws what {@link prepareOutput} throws, or what `write` throws.
 * @example await writeAtomically(out, [input], (tmp) => writeAedat4File(tmp, batches, opts));
 */
export async function writeAtomically<T>(path: string, inputs: readonly string[], write: (tempPath: string) => Promise<T>): Promise<T> {
  const out = await prepareOutput(path, inputs);
  try {
    const result = await write(out.tempPath);
    await out.commit();
    return result;
  } catch (e) {
    await out.abort();
    throw e;
  }
}

async function statIfExists(path: string): Promise<Awaited<ReturnType<typeof stat>> | undefined> {
  try {
    return await stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
