import { stat } from 'node:fs/promises';
import { ConfigError } from '../errors.js';

/**
 * Checks that `path` names something a command can read as an input file (reading a directory
 * would fail with an EISDIR that does not say which path).
 * @throws ConfigError naming the path when it is a directory; Node's fs error (ENOENT, …) otherwise.
 */
export async function checkInputFile(path: string): Promise<void> {
  if ((await stat(path)).isDirectory()) throw new ConfigError(`${path} is a directory, not an event file`);
}
