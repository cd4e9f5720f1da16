import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to `path` atomically: a hidden temporary file in the same folder, then a rename,
 * so a reader (a resumed audit, a resumed training run) sees the old file or the new one, never
 * half of one. Top-level (like errors.ts) so every layer that writes a file uses this one.
 * @throws the file system's error (the temporary file is removed).
 * @example await writeFileAtomic('runs/csnn.sgck', bytes);
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
