import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel, saveCheckpoint, zoo } from '../../src/snn/index.js';
import { cli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/samples.js';
import { useBackend } from '../snn/snnHelpers.js';

const dir = mkdtempSync(join(tmpdir(), 'spikeguard-snn-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spikeguard bench snn', () => {
  it('prints one JSON object with the peer\'s fields', async () => {
    const r = await cli('bench', 'snn', '--arch', 'csnn-nmnist', '--B', '2', '--T', '2', '--iters', '1', '--warmup', '0', '--backend', 'cpu', '--json');
    expect(r.code, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o).toMatchObject({ backend: 'cpu', workers: 1, arch: 'csnn-nmnist', B: 2, T: 2 });
    expect(o.infer_ms).toBeGreaterThan(0);
    expect(o.train_ms).toBeGreaterThan(0);
    expect(o.sr_ms).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/tfjs backend cpu/);
  }, 120_000);

  it('rejects unknown architectures and backends', async () => {
    expect((await cli('bench', 'snn', '--arch', 'resnet')).stderr).toMatch(/expects one of csnn-nmnist/);
    const r = await cli('bench', 'snn', '--backend', 'webgpu');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown backend "webgpu"/);
  });
});

describe('spikeguard train', () => {
  it('trains, checkpoints every epoch and resumes; refuses a damaged checkpoint', async () => {
    const out = join(dir, 'bars.sgck');
    const first = await cli('train', '--arch', 'mlp', '--samples', '64', '--T', '3', '--epochs', '1', '--batch', '16', '--out', out, '--no-progress');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^epoch 1: loss \d+\.\d+ accuracy [\d.]+ %, validation loss/m);
    expect(existsSync(out)).toBe(true);
    const resumed = await cli('train', '--samples', '64', '--T', '3', '--epochs', '2', '--batch', '16', '--resume', out, '--no-progress');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/^epoch 2:/m);
    expect(resumed.stdout).not.toMatch(/^epoch 1:/m);
    const bad = join(dir, 'bad.sgck');
    writeFileSync(bad, 'not a checkpoint');
    const refused = await cli('train', '--resume', bad, '--no-progress');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not a spikeguard checkpoint/);
  }, 180_000);
});

describe('spikeguard classify', () => {
  it('prints one prediction per window of a recording; refuses ambiguous input and a wrong sensor', async () => {
    const ck = join(dir, 'csnn.sgck');
    await useBackend('cpu');
    const model = buildModel(zoo('csnn-nmnist'), { seed: 0 });
    await saveCheckpoint(ck, model);
    model.dispose();
    const r = await cli('classify', join(FIXTURES, 'nmnist_sample.bin'), '--sensor', '34x34', '--model', ck, '--window-us', '50000', '--bins', '2');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((p) => p.startUs)).toEqual([0, 50_000, 100_000, 150_000, 200_000, 250_000, 300_000]);
    for (const p of lines) {
      expect(p.scores).toHaveLength(10);
      expect(p.scores.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 4);
      expect(p.label).toBe(p.scores.indexOf(Math.max(...p.scores)));
    }
    expect((await cli('classify', '--model', ck)).stderr).toMatch(/either a FILE or --tcp/);
    const wrong = await cli('classify', join(FIXTURES, 'aedat4_davis346_evlib_sample.aedat4'), '--model', ck);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/346×260 sensor, the model takes 34×34/);
  }, 120_000);
});
