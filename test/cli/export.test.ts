import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel, saveCheckpoint, zoo } from '../../src/snn/index.js';
import { openNpz } from '../../src/robust/npz/npz.js';
import { cli } from '../helpers/cli.js';
import { useBackend } from '../snn/snnHelpers.js';

const HAVE_NUMPY = spawnSync('/usr/bin/python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'spikeguard-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spikeguard export', () => {
  const ck = join(dir, 'csnn.sgck');
  const want = new Map<string, { shape: number[]; data: Float32Array }>();

  it('writes every weight as a named array, readable by us and numpy', async () => {
    await useBackend('cpu');
    const model = buildModel(zoo('csnn-nmnist', 4), { seed: 0 });
    for (const p of model.params) want.set(p.name, { shape: p.variable.shape, data: Float32Array.from(p.variable.dataSync() as Float32Array) });
    await saveCheckpoint(ck, model);
    model.dispose();
    const out = join(dir, 'csnn.npz');
    const r = await cli('export', ck, '--npz', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/csnn\.npz: 4 arrays, \d+ bytes/);
    const npz = openNpz(new Uint8Array(readFileSync(out)));
    expect(npz.names).toEqual(['0.conv2d.kernel', '3.conv2d.kernel', '7.dense.kernel', 'spec.json']);
    for (const [name, w] of want) expect(npz.get(name)).toEqual({ dtype: 'f4', ...w });
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    if (!HAVE_NUMPY) return;
    const py = spawnSync('/usr/bin/python3', ['-c', `
import sys, json, numpy as np
f = np.load(sys.argv[1], allow_pickle=False)
spec = json.loads(f['spec.json'].tobytes())
print(spec['name'], f['0.conv2d.kernel'].shape, f['7.dense.kernel'].shape, f['0.conv2d.kernel'].dtype)
`, out], { encoding: 'utf8' });
    expect(py.stdout.trim(), py.stderr).toBe('csnn-nmnist (3, 3, 2, 16) (2048, 4) float32');
  }, 120_000);

  it('refuses to overwrite the checkpoint, also through a link, and leaves no file on a bad checkpoint', async () => {
    const before = readFileSync(ck);
    const same = await cli('export', ck, '--npz', join(dir, '.', 'csnn.sgck'));
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/is the input .*: writing it would destroy the input/);
    const link = join(dir, 'link.npz');
    symlinkSync(ck, link);
    expect((await cli('export', ck, '--npz', link)).stderr).toMatch(/is the input .*: writing it would destroy the input/);
    expect(readFileSync(ck)).toEqual(before);
    const bad = join(dir, 'bad.sgck');
    writeFileSync(bad, 'not a checkpoint');
    const r = await cli('export', bad, '--npz', join(dir, 'bad.npz'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: not a spikeguard checkpoint/m);
    expect(existsSync(join(dir, 'bad.npz'))).toBe(false);
    expect((await cli('export', ck)).stderr).toMatch(/required option '--npz <out>'/);
  }, 120_000);
});
