import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../errors.js';

/**
 * Checks, before any work, that `path` can be written: its directory exists and is writable and
 * `path` itself is not a directory (a run must not fail at its first save, hours in).
 * @throws ConfigError naming the option and the problem.
 * @example await checkOutputPath('runs/csnn.sgck', '--out');
 */
export async function checkOutputPath(path: string, option: string): Promise<void> {
  const dir = dirname(resolve(path));
  const dirStat = await stat(dir).catch(() => undefined);
  if (dirStat === undefined) throw new ConfigError(`${option} ${path}: directory ${dir} does not exist`);
  if (!dirStat.isDirectory()) throw new ConfigError(`${option} ${path}: ${dir} is not a directory`);
  if ((await stat(path).catch(() => undefined))?.isDirectory() === true) throw new ConfigError(`${option} ${path}: is a directory, expected a file name`);
  await access(dir, constants.W_OK).catch(() => {
    throw new ConfigError(`${option} ${path}: directory ${dir} is not writable`);
  });
}
