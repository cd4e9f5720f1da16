import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '../../src/snn/index.js';
import { cli } from '../helpers/cli.js';
import { useBackend } from '../snn/snnHelpers.js';

const dir = mkdtempSync(join(tmpdir(), 'spikeguard-sr-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TINY = ['--arch', 'mlp', '--samples', '32', '--T', '2', '--batch', '16', '--backend', 'cpu', '--no-progress'];

describe('spikeguard train --method', () => {
  it('sr trains end to end, stores the method in the resume state and resumes with it', async () => {
    const out = join(dir, 'sr.sgck');
    const state = `${out}.resume`;
    const r = await cli('train', ...TINY, '--epochs', '1', '--method', 'sr', '--lambda', '0.1', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/training method: sr \(λ=0\.1, h=0\.01\)/);
    expect(r.stdout).toMatch(/^epoch 1: loss \d+\.\d+/m);
    await useBackend('cpu');
    const loaded = decodeCheckpoint(readFileSync(state));
    expect(loaded.training?.method).toEqual({ method: 'sr', sr: { lambda: 0.1, h: 0.01 } });
    loaded.model.dispose();
    const resumed = await cli('train', ...TINY, '--epochs', '2', '--resume', state);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/training method: sr \(λ=0\.1, h=0\.01\)/);
    expect(resumed.stdout).toMatch(/^epoch 2:/m);
    const changed = await cli('train', ...TINY, '--epochs', '3', '--resume', state, '--method', 'sr', '--lambda', '0.5');
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/trained with sr \(λ=0\.1, h=0\.01\); --method asks for sr \(λ=0\.5, h=0\.01\)/);
  }, 180_000);

  it('sr+at with PGD runs on two worker threads', async () => {
    const r = await cli('train', ...TINY, '--epochs', '1', '--validation', '0', '--workers', '2', '--method', 'sr+at', '--lambda', '0.1',
      '--at-attack', 'pgd', '--at-eps', '0.1', '--at-steps', '2');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/training method: sr\+at \(λ=0\.1, h=0\.01; pgd ε=0\.1 ×2 α=0\.125 on unit\)/);
    expect(r.stdout).toMatch(/^epoch 1: loss \d+\.\d+/m);
  }, 180_000);

  it('refuses an unknown method, a missing or negative λ, h ≤ 0 and AT without ε', async () => {
    const cases: [string[], RegExp][] = [
      [['--method', 'trades'], /Allowed choices are vanilla, at, sr, sr\+at/],
      [['--method', 'sr'], /--method sr needs --lambda/],
      [['--method', 'sr', '--lambda', '-1'], /--lambda.*expects a number from 0/],
      [['--method', 'sr', '--lambda', '1', '--h', '0'], /--h.*expects a positive number/],
      [['--method', 'at'], /--method at needs --at-eps/],
    ];
    for (const [args, message] of cases) {
      const r = await cli('train', ...TINY, '--epochs', '1', ...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 180_000);
});
