import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEventFile } from '../../src/aedat/node/streamEventFile.js';
import { cli } from '../helpers/cli.js';
import { spawnCli } from './spawnCli.js';
import { FIXTURES, REPO_ROOT } from '../helpers/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'spikeguard-convert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NMNIST = join(FIXTURES, 'nmnist_sample.bin');

/** A fresh directory holding a copy of the N-MNIST fixture as `in.bin`. */
function withInput(name: string): { sub: string; input: string; bytes: Buffer } {
  const sub = join(dir, name);
  mkdirSync(sub);
  const input = join(sub, 'in.bin');
  copyFileSync(NMNIST, input);
  return { sub, input, bytes: readFileSync(input) };
}

describe('spikeguard convert: the output is never one of its inputs', () => {
  it.each([
    ['the same path', (s: string) => join(s, 'in.bin')],
    ['another spelling (./ and ..)', (s: string) => join(s, '.', '..', s.split('/').at(-1)!, 'in.bin')],
    ['a relative path', (s: string) => relative(REPO_ROOT, join(s, 'in.bin'))],
    ['a symlink', (s: string) => { symlinkSync(join(s, 'in.bin'), join(s, 'link.aedat4')); return join(s, 'link.aedat4'); }],
    ['a hard link', (s: string) => { linkSync(join(s, 'in.bin'), join(s, 'hard.aedat4')); return join(s, 'hard.aedat4'); }],
  ])('refuses %s and leaves the input intact', async (_name, outputOf) => {
    const { sub, input, bytes } = withInput(`same-${_name.replace(/\W/g, '')}`);
    const output = outputOf(sub);
    const before = readdirSync(sub).sort();
    const r = await cli('convert', input, output, '--sensor', '34x34');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is the input .*in\.bin: writing it would destroy the input/);
    expect(readFileSync(input).equals(bytes)).toBe(true);
    expect(readdirSync(sub).sort()).toEqual(before);
  });

  it('leaves no file behind when the input cannot be read, and keeps an existing output', async () => {
    const sub = join(dir, 'fail');
    mkdirSync(sub);
    const empty = join(sub, 'empty.aedat4');
    writeFileSync(empty, '');
    const fresh = await cli('convert', empty, join(sub, 'new.aedat4'));
    expect(fresh.code).toBe(1);
    expect(fresh.stderr).toContain('error: auto: at byte 0: expected an event file (AEDAT 2.0/3.x/4.0, EVT 2.0/3.0, DAT, ES or N-MNIST), got an empty input');
    const kept = join(sub, 'kept.aedat4');
    writeFileSync(kept, 'precious');
    expect((await cli('convert', empty, kept)).code).toBe(1);
    expect(readFileSync(kept, 'utf8')).toBe('precious');
    expect(readdirSync(sub).sort()).toEqual(['empty.aedat4', 'kept.aedat4']);
  });

  it('names the path when a directory is given as input or output', async () => {
    const sub = join(dir, 'dirs');
    mkdirSync(sub);
    const asInput = await cli('convert', sub, join(sub, 'x.aedat4'));
    expect(asInput.code).toBe(2);
    expect(asInput.stderr).toContain(`error: ${sub} is a directory, not an event file`);
    const asOutput = await cli('convert', NMNIST, sub, '--sensor', '34x34');
    expect(asOutput.code).toBe(2);
    expect(asOutput.stderr).toContain(`error: ${sub} is a directory, not an output file`);
    expect(readdirSync(sub)).toEqual([]);
    for (const command of [['inspect', sub], ['bench', 'decode', sub]]) {
      expect((await cli(...command)).stderr).toContain(`error: ${sub} is a directory, not an event file`);
    }
  });
});

describe('spikeguard convert: interrupted', () => {
  it('removes the partial output on Ctrl-C and exits 1', async () => {
    const sub = join(dir, 'interrupted');
    mkdirSync(sub);
    const big = join(sub, 'big.bin');
    writeFileSync(big, Buffer.concat(Array.from({ length: 2000 }, () => readFileSync(NMNIST)))); // 43 MB
    const child = spawnCli('convert', big, join(sub, 'big.aedat4'), '--sensor', '34x34', '--compression', 'none');
    for (let i = 0; i < 600 && readdirSync(sub).length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    child.proc.kill('SIGINT');
    expect(await child.exit, child.stderr).toBe(1);
    expect(child.stderr).toContain('big.aedat4: interrupted; nothing was written');
    expect(readdirSync(sub)).toEqual(['big.bin']);
  }, 60_000);
});

describe('spikeguard convert: files that store no sensor size', () => {
  it('sizes the output by the extent of the events and says so', async () => {
    const out = join(dir, 'derived.aedat4');
    const r = await cli('convert', NMNIST, out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('stores no sensor size; using 34x34, the extent of its events');
    const b = await readEventFile(out);
    expect([b.header?.width, b.header?.height, b.events.t.length]).toEqual([34, 34, 4325]);
  });

  it('takes --sensor when given, silently', async () => {
    const out = join(dir, 'given.aedat4');
    const r = await cli('convert', NMNIST, out, '--sensor', '40x36');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('stores no sensor size');
    expect([(await readEventFile(out)).header?.width, (await readEventFile(out)).header?.height]).toEqual([40, 36]);
  });
});
