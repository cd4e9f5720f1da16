import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../../src/snn/index.js';
import { cli } from '../helpers/cli.js';
import { useBackend } from '../snn/snnHelpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sg-train-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spikeguard train --data DIR (a dataset folder)', () => {
  it('trains on the train split of an N-MNIST folder, class count from the data; refuses a test-only folder and a non-folder', async () => {
    const train = join(dir, 'digits');
    expect((await cli('dataset', 'saccade-digits', '--out', train, '--format', 'nmnist', '--split', 'train', '--limit', '24')).code).toBe(0);
    const ck = join(dir, 'digits.sgck');
    const r = await cli('train', '--data', train, '--epochs', '1', '--T', '4', '--batch', '8', '--out', ck);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/dataset .*digits \(nmnist\): 24 training samples, frames \[4, 34, 34, 2\]/);
    // without --T: the preset's frame count (nmnist: 8), also in the memory check before building
    const byPreset = await cli('train', '--data', train, '--epochs', '1', '--batch', '8', '--memory-mb', '1');
    expect(byPreset.code).toBe(2);
    expect(byPreset.stderr).toMatch(/csnn-nmnist with --T 8, --batch 8/);
    await useBackend('cpu');
    const { model } = await loadCheckpoint(ck);
    expect(model.spec.classes).toBe(10);
    model.dispose();

    const test = join(dir, 'test-only');
    expect((await cli('dataset', 'saccade-digits', '--out', test, '--format', 'nmnist', '--split', 'test', '--limit', '10')).code).toBe(0);
    const refused = await cli('train', '--data', test, '--epochs', '1');
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringMatching(/no train split .* a test split is never trained on/)]);
    const none = await cli('train', '--data', join(dir, 'nothing'), '--epochs', '1');
    expect([none.code, none.stderr]).toEqual([2, expect.stringMatching(/neither moving-bars nor saccade-digits nor a dataset folder/)]);
  }, 180_000);

  it('validates on a folder\'s own Validation split where it has one (a saccade-digits export), never on its test split', async () => {
    const all = join(dir, 'all-splits');
    expect((await cli('dataset', 'saccade-digits', '--out', all, '--format', 'nmnist', '--split', 'all', '--limit', '12')).code).toBe(0);
    const info = await cli('dataset', 'info', all, '--json');
    const counts = (JSON.parse(info.stdout) as { classes: { train: number; validation: number; test: number }[] }).classes
      .reduce((a, c) => ({ train: a.train + c.train, validation: a.validation + c.validation, test: a.test + c.test }), { train: 0, validation: 0, test: 0 });
    expect(counts).toEqual({ train: 12, validation: 12, test: 12 });
    const r = await cli('train', '--data', all, '--epochs', '1', '--T', '4', '--batch', '8', '--out', join(dir, 'all.sgck'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/12 training samples, its 12 validation samples, frames \[4, 34, 34, 2\]/);
  }, 180_000);
});
