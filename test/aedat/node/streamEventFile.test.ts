import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEventFile, streamEventFile } from '../../../src/aedat/node/index.js';
import { ConfigError } from '../../../src/errors.js';
import { FIXTURES } from '../../helpers/samples.js';

describe('readEventFile / streamEventFile', () => {
  it('names the path when it is a directory (Node says only "EISDIR: illegal operation on a directory, read")', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikeguard-dir-'));
    const err = await readEventFile(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(`cannot read event file ${JSON.stringify(dir)}: EISDIR (it is a directory)`);
  });

  it('names the path of a missing file', async () => {
    const path = join(FIXTURES, 'no-such-file.aedat4');
    const { outputs } = streamEventFile(path);
    await expect(outputs.next()).rejects.toThrow(new ConfigError(`cannot read event file ${JSON.stringify(path)}: ENOENT (no such file)`));
  });

  it('still decodes a readable file to its end', async () => {
    const r = await readEventFile(join(FIXTURES, 'nmnist_sample.bin'));
    expect([r.events.t.length, r.error]).toEqual([4325, undefined]);
  });
});
