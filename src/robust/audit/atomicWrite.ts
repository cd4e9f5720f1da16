import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join, resolve } from 'node:path';
import { ConfigError } from '../../errors.js';

/**
 * Writes `data` to `path` atomically: a temporary file in the same folder, then a rename, so a
 * reader (or a resumed audit) sees the old file or the new one, never half of one.
 * @throws the file system's error (the temporary file is removed).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** The path with links resolved when it exists (else just absolute). */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Refuses outputs that would overwrite an input (also through links) or each other.
 * @throws ConfigError naming the clash.
 */
export function checkOutputs(outputs: readonly string[], inputs: readonly string[]): void {
  const ins = new Map(inputs.map((p) => [canonical(p), p]));
  const seen = new Set<string>();
  for (const out of outputs) {
    const c = canonical(out);
    const clash = ins.get(c);
    if (clash !== undefined) throw new ConfigError(`refusing to overwrite the input ${clash} with an output`);
    if (seen.has(c)) throw new ConfigError(`two outputs would be written to ${out}`);
    seen.add(c);
  }
}
