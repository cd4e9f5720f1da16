import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { Packr } from 'msgpackr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movingBars } from '../../src/datasets/movingBars.js';
import { buildModel, evaluate, loadCheckpoint, saveCheckpoint, splitValidation, zoo } from '../../src/snn/index.js';
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
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown backend "webgpu"/);
  });
});

describe('spikeguard train', () => {
  /** Validation accuracy of a checkpoint's model on the run's validation split (rebuilt as train.ts builds it). */
  async function validationAccuracy(file: string): Promise<number> {
    await useBackend('cpu');
    const { model, training } = await loadCheckpoint(file);
    const { validation } = splitValidation(movingBars({ samples: 64, T: 3, size: 34, seed: 1 }), 0.2, 0);
    const { accuracy } = await evaluate(model, validation, 16);
    model.dispose();
    training?.state.optimizer.slots.forEach((s) => tf.dispose([...s]));
    tf.dispose([...(training?.state.bestWeights?.values() ?? [])]);
    return accuracy;
  }
  const run = ['train', '--arch', 'mlp', '--samples', '64', '--T', '3', '--batch', '16', '--backend', 'cpu', '--no-progress'];

  it('--out holds the best epoch\'s weights, FILE.resume the last epoch\'s state; resumes exactly there', async () => {
    const out = join(dir, 'bars.sgck');
    const first = await cli(...run, '--epochs', '3', '--out', out);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^epoch 1: loss \d+\.\d+ accuracy [\d.]+ %, validation loss/m);
    const epochs = [...first.stdout.matchAll(/^epoch (\d): .* validation loss [\d.]+ accuracy ([\d.]+) %/gm)].map((m) => Number(m[2]));
    const [, bestAcc, bestEpoch] = /best validation accuracy ([\d.]+) % \(epoch (\d)\)/.exec(first.stdout)!;
    expect(first.stdout).toContain(`saved ${out}: the best epoch's weights (epoch ${bestEpoch}, validation accuracy ${bestAcc} %); resume state (epoch 3): ${out}.resume`);
    expect((100 * (await validationAccuracy(out))).toFixed(1)).toBe(bestAcc);
    expect(100 * (await validationAccuracy(`${out}.resume`))).toBeCloseTo(epochs[2]!, 1);

    const resumed = await cli(...run, '--epochs', '4', '--resume', `${out}.resume`);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/^epoch 4:/m);
    expect(resumed.stdout).not.toMatch(/^epoch [123]:/m);
    // left out, the data and batch flags are the checkpoint's: the same epoch 4
    const kept = await cli('train', '--backend', 'cpu', '--no-progress', '--epochs', '4', '--resume', `${out}.resume`);
    const epoch4 = (r: { stdout: string }): string => /^epoch 4: [^(]*/m.exec(r.stdout)![0];
    expect(epoch4(kept)).toBe(epoch4(resumed));
    const batch = await cli(...run.filter((a) => a !== '16' && a !== '--batch'), '--batch', '8', '--epochs', '4', '--resume', `${out}.resume`);
    expect(batch.stderr).toMatch(/--batch 8 \(checkpoint: 16\) conflict/);
    const bare = await cli(...run, '--epochs', '4', '--resume', out);
    expect(bare.stderr).toMatch(/^error: .*bars\.sgck holds no training state to resume/m);
    const done = await cli(...run, '--epochs', '3', '--resume', `${out}.resume`);
    expect(done.code).toBe(2);
    expect(done.stderr).toMatch(/epochs \(3\) must exceed the 3 epoch\(s\) the resumed run completed/);
    const conflict = await cli(...run, '--epochs', '4', '--resume', `${out}.resume`, '--arch', 'csnn-nmnist', '--lr', '0.1');
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toMatch(/--arch csnn-nmnist \(checkpoint: mlp\), --lr 0\.1 \(checkpoint: 0\.002\) conflict with the checkpoint's run/);
    const same = await cli(...run, '--epochs', '4', '--resume', `${out}.resume`, '--arch', 'mlp', '--lr', '0.002');
    expect(same.code, same.stderr).toBe(0);

    const bad = join(dir, 'bad.sgck');
    writeFileSync(bad, 'not a checkpoint');
    const refused = await cli('train', '--resume', bad, '--no-progress');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not a spikeguard checkpoint/);
  }, 240_000);

  it('checks --out before training and the sizes before building, with one-line errors', async () => {
    const missing = await cli(...run, '--epochs', '1', '--out', join(dir, 'no-such-dir', 'x.sgck'));
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^error: --out .*x\.sgck: directory .*no-such-dir does not exist$/m);
    expect((await cli(...run, '--epochs', '1', '--out', dir)).stderr).toMatch(/is a directory, expected a file name/);
    const huge = await cli('train', '--T', '1024', '--batch', '4096', '--samples', '4096', '--no-progress');
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(/^error: csnn-nmnist with --T 1024, --batch 4096, --workers 1, training needs about \d+ MiB \(activations/m);
    expect(huge.stderr.split('\n').filter((l) => l !== '')).toHaveLength(2); // the backend line and the error
    const budget = await cli(...run, '--epochs', '1', '--memory-mb', '1');
    expect(budget.stderr).toMatch(/more than the memory budget of 1 MiB \(--memory-mb\)/);
  }, 120_000);
});

describe('spikeguard classify', () => {
  const ck = join(dir, 'csnn.sgck');
  beforeAll(async () => {
    await useBackend('cpu');
    const model = buildModel(zoo('csnn-nmnist'), { seed: 0 });
    await saveCheckpoint(ck, model);
    model.dispose();
  });

  it('prints one prediction per window of a recording; refuses ambiguous input and a wrong sensor', async () => {
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
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/346×260 sensor, the model takes 34×34/);
  }, 120_000);

  it('refuses sizes beyond the memory budget and oversized specs before building, in one line', async () => {
    const nmnist = [join(FIXTURES, 'nmnist_sample.bin'), '--sensor', '34x34', '--model', ck];
    const million = await cli('classify', ...nmnist, '--bins', '1000000');
    expect(million.code).toBe(2);
    expect(million.stderr).toMatch(/^error: csnn-nmnist with --bins 1000000 \(one stream\) needs about \d+ MiB/m);
    const wasm = ['--window-us', '100000', '--bins', '20000', '--backend', 'wasm'];
    const byDefault = await cli('classify', ...nmnist, ...wasm);
    expect(byDefault.code).toBe(2);
    expect(byDefault.stderr).toMatch(/--bins 20000 \(one stream\) needs about \d+ MiB .* more than the memory budget of 2560 MiB/);
    const raised = await cli('classify', ...nmnist, ...wasm, '--memory-mb', '8000');
    expect(raised.code).toBe(2);
    expect(raised.stderr).toMatch(/needs a wasm heap of about \d+ MiB .* over the 2560 MiB a wasm heap can hold/);
    expect(raised.stderr.length).toBeLessThan(600);
    // a hash-valid checkpoint whose spec declares 2e9 filters
    const packr = new Packr({ useRecords: false, moreTypes: false });
    const outer = packr.unpack(readFileSync(ck)) as { body: Uint8Array };
    const body = packr.unpack(outer.body) as { spec: { layers: { filters?: number }[] } };
    body.spec.layers[0]!.filters = 2e9;
    const bytes = packr.pack(body);
    const forged = join(dir, 'forged.sgck');
    writeFileSync(forged, packr.pack({ ...outer, sha256: createHash('sha256').update(bytes).digest('hex'), body: bytes }));
    for (const r of [await cli('classify', ...nmnist.slice(0, 3), '--model', forged), await cli('train', '--resume', forged, '--no-progress')]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: checkpoint: invalid model spec: layers\[0\]\.filters: expected a positive integer ≤ 65536, got 2000000000$/m);
    }
  }, 120_000);

  it('names the backend in one short line, with the install hint', async () => {
    const r = await cli('classify', '--model', ck, join(FIXTURES, 'nmnist_sample.bin'), '--sensor', '34x34', '--bins', '1000000');
    const line = r.stderr.split('\n').find((l) => l.startsWith('spikeguard: tfjs backend'))!;
    expect(line.length).toBeLessThan(160);
    expect(r.stderr).not.toMatch(/Cannot find package/);
  }, 60_000);
});

describe('spikeguard classify: inputs and endings', () => {
  const ck = join(dir, 'csnn-endings.sgck');
  const predictions = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as { startUs: number; label: number });

  it('asks for --sensor when the file stores no size, instead of blaming a 256×256 sensor', async () => {
    await useBackend('cpu');
    const model = buildModel(zoo('csnn-nmnist'), { seed: 0 });
    await saveCheckpoint(ck, model);
    model.dispose();
    const r = await cli('classify', join(FIXTURES, 'nmnist_sample.bin'), '--model', ck);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nmnist_sample.bin: the file (nmnist) stores no sensor size; pass --sensor WxH');
    expect(r.stderr).not.toMatch(/256×256/);
  }, 120_000);

  it('classifies every window of a file with a stray trailing byte, warns and exits 0, as inspect and convert do', async () => {
    const cut = join(dir, 'tail.bin');
    writeFileSync(cut, Buffer.concat([readFileSync(join(FIXTURES, 'nmnist_sample.bin')), Buffer.of(1)]));
    const args = ['--sensor', '34x34', '--model', ck, '--window-us', '50000', '--backend', 'cpu'];
    const whole = await cli('classify', join(FIXTURES, 'nmnist_sample.bin'), ...args);
    const tail = await cli('classify', cut, ...args);
    expect(tail.code, tail.stderr).toBe(0);
    expect(tail.stderr).toContain('warning: nmnist: at byte 21625');
    expect(predictions(tail.stdout)).toEqual(predictions(whole.stdout));
    expect(predictions(whole.stdout)).toHaveLength(7);
  }, 120_000);
});
