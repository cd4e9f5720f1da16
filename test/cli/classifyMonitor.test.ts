import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, saveCheckpoint, zoo } from '../../src/snn/index.js';
import { cli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/samples.js';
import { useBackend } from '../snn/snnHelpers.js';

const dir = mkdtempSync(join(tmpdir(), 'spikeguard-monitor-cli-'));
const ck = join(dir, 'csnn.sgck');
const SAMPLE = join(FIXTURES, 'nmnist_sample.bin');
const BASE = ['classify', SAMPLE, '--sensor', '34x34', '--model', ck, '--window-us', '50000', '--bins', '2', '--backend', 'wasm'];
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spikeguard classify --monitor', () => {
  beforeAll(async () => {
    await useBackend('cpu');
    const model = buildModel(zoo('csnn-nmnist'), { seed: 0 });
    await saveCheckpoint(ck, model);
    model.dispose();
  });

  it('prints {"monitor":…} lines beside the predictions; every sampled window is measured or counted as skipped', async () => {
    const r = await cli(...BASE, '--monitor', '--monitor-every', '3', '--monitor-steps', '2', '--monitor-eps-max', '0.5', '--monitor-draws', '4');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const predictions = lines.filter((l) => !('monitor' in l));
    const records = lines.flatMap((l) => ('monitor' in l ? [l.monitor as Record<string, number | string | null>] : []));
    expect(predictions.map((p) => p.startUs)).toEqual([0, 1, 2, 3, 4, 5, 6].map((k) => k * 50_000));
    expect(records.length).toBeGreaterThan(0);
    for (const m of records) {
      expect(Object.keys(m).sort()).toEqual(['elapsedMs', 'endUs', 'epsHigh', 'epsLow', 'label', 'margin', 'probes', 'randomFlipRate', 'skipped', 'startUs', 'status', 'window'].sort());
      expect((m.window as number) % 3).toBe(0);
      expect(['flipped', 'robust', 'outOfTime']).toContain(m.status);
    }
    // Windows 0, 3 and 6 are sampled: each is in a record or in a record's skip count.
    expect(records.length + records.reduce((n, m) => n + (m.skipped as number), 0)).toBe(3);
  }, 120_000);

  it('rejects more than one gradient setting and a fractional binary budget', async () => {
    const two = await cli(...BASE, '--monitor', '--monitor-gradient', 'triangle:1,atan:2');
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/--monitor-gradient takes one setting, got 2/);
    const frac = await cli(...BASE, '--monitor', '--monitor-domain', 'binary', '--monitor-eps-max', '2.5');
    expect(frac.code).toBe(2);
    expect(frac.stderr).toMatch(/binary domain epsMax counts flipped cells/);
  }, 120_000);
});
