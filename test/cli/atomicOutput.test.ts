import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareOutput, writeAtomically } from '../../src/cli/atomicOutput.js';
import { ConfigError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'spikeguard-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeAtomically', () => {
  it('renames the finished file onto the output, replacing the old one', async () => {
    const out = join(dir, 'a.txt');
    writeFileSync(out, 'old');
    expect(await writeAtomically(out, [], async (tmp) => { await writeFile(tmp, 'new'); return 3; })).toBe(3);
    expect(readFileSync(out, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('on failure removes the partial file and keeps the old output', async () => {
    const out = join(dir, 'b.txt');
    writeFileSync(out, 'old');
    const failing = writeAtomically(out, [], async (tmp) => { await writeFile(tmp, 'part'); throw new ConfigError('boom'); });
    await expect(failing).rejects.toThrow('boom');
    expect(readFileSync(out, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.txt']);
  });

  it('refuses an output that is an input, before writing anything', async () => {
    const input = join(dir, 'in.txt');
    writeFileSync(input, 'data');
    let called = false;
    const same = writeAtomically(join(dir, '.', 'in.txt'), [join(dir, 'missing'), input], async () => { called = true; });
    await expect(same).rejects.toBeInstanceOf(ConfigError);
    expect(called).toBe(false);
    expect(readFileSync(input, 'utf8')).toBe('data');
  });

  it('fails on a missing directory with ENOENT naming it', async () => {
    await expect(prepareOutput(join(dir, 'nowhere', 'x'))).rejects.toThrow(/ENOENT.*nowhere/);
  });
});
