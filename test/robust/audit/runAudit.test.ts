import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { saveCheckpoint, subset, WorkerError, type SnnModel } from '../../../src/snn/index.js';
import {
  AuditAbortedError, planUnits, type AuditSettings, runAudit, summarizeAudit, type AuditRun, type RunAuditOptions, type UnitResult,
} from '../../../src/robust/index.js';
import { useBackend } from '../../snn/snnHelpers.js';
import { trainedSmall } from '../robustHelpers.js';
import { HELD_OUT, QUICK, tempDir } from './auditFixture.js';

/** A run's unit results without their wall times (the only field that may differ). */
const results = (r: AuditRun): Record<string, Omit<UnitResult, 'ms'>> =>
  Object.fromEntries([...r.units.entries()].sort().map(([k, { ms: _ms, ...rest }]) => [k, rest]));

const SUBJECTS = { model: { name: 'small', input: [8, 8, 2], classes: 4 }, data: { shape: [6, 8, 8, 2], source: { kind: 'test' } } };

describe('runAudit (cpu, small trained SNN)', () => {
  let model: SnnModel;
  let base: RunAuditOptions;
  let reference: AuditRun;
  const dir = tempDir();
  beforeAll(async () => {
    await useBackend('cpu');
    model = await trainedSmall();
    base = { model, data: HELD_OUT, settings: QUICK, statePath: join(dir, 'ref.state.json') };
    reference = await runAudit(base);
  }, 120_000);
  afterAll(() => {
    model.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs every unit and summarises accuracies, members, checks and per-sample outcomes', () => {
    expect(reference.units.size).toBe(planUnits(QUICK, 3).length);
    const report = summarizeAudit(reference, SUBJECTS);
    expect(report.clean.accuracy).toBeGreaterThan(0.7);
    expect(report.samples.cleanWrong).toHaveLength(20);
    expect(report.data.clamp).toEqual({ changed: 0, cells: 20 * 6 * 8 * 8 * 2 }); // moving bars are 0/1 spikes
    const [small, large] = report.sweep;
    for (const p of [small!, large!]) {
      for (const a of p.attacks) expect(report.samples.outcomes[`${a.attack}@${p.eps}`]).toHaveLength(20);
      expect(p.checks.map((c) => c.check)).toContain('adversarial ≤ random');
    }
    const pgd = (i: number): number => report.sweep[i]!.attacks.find((a) => a.attack === 'pgd')!.accuracy;
    expect(pgd(1)).toBeLessThanOrEqual(pgd(0));
    expect(pgd(1)).toBeLessThan(report.clean.accuracy);
    expect(large!.attacks.find((a) => a.attack === 'pgd')!.members.map((m) => m.label)).toEqual(['triangle:1', 'rate']);
    for (const a of large!.attacks.filter((x) => x.attack !== 'square')) {
      for (const m of a.members) {
        expect(a.accuracy).toBeLessThanOrEqual(m.accuracy); // a sample is robust only if it survives every member
        expect(a.successRate).toBeGreaterThanOrEqual(m.successRate);
      }
    }
    expect(report.sparsity.map((e) => e.zeroFractionHistogram.reduce((a, b) => a + b, 0))).toEqual([20, 20]);
    expect(report.examples.map((e) => [e.attack, e.clean.length])).toEqual([['fgsm', 64], ['pgd', 64], ['square', 64]]);
  });

  it('audits the binary domain: L0 budgets in cells, flips as the random baseline', async () => {
    const settings: AuditSettings = { ...QUICK, attacks: ['fgsm', 'pgd'], eps: [2, 16], domain: { kind: 'binary' }, noise: 'flips' };
    const report = summarizeAudit(await runAudit({ ...base, settings, statePath: join(dir, 'binary.state.json') }), SUBJECTS);
    const pgd = report.sweep.map((p) => p.attacks.find((a) => a.attack === 'pgd')!.accuracy);
    expect(pgd[1]).toBeLessThan(report.clean.accuracy);
    expect(pgd[1]).toBeLessThanOrEqual(report.sweep[1]!.random);
    await expect(runAudit({ ...base, settings: { ...settings, attacks: ['pgd'], eps: [1.5] }, statePath: join(dir, 'binary.state.json') })).rejects.toThrow(/whole number of cells/);
  });

  it('leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    await runAudit({ ...base, settings: { ...QUICK, attacks: ['pgd'], eps: [0.1] }, statePath: join(dir, 'leak.state.json') });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an aborted audit resumes from its state file to the same results as an uninterrupted one', async () => {
    const statePath = join(dir, 'resume.state.json');
    const stop = new AbortController();
    const first = runAudit({ ...base, statePath, signal: stop.signal, onProgress: (done) => { if (done === 7) stop.abort(); } });
    await expect(first).rejects.toBeInstanceOf(AuditAbortedError);
    expect(existsSync(statePath)).toBe(true);
    const resumed = await runAudit({ ...base, statePath, resume: 'require' });
    expect(resumed.resumedUnits).toBe(7);
    expect(results(resumed)).toEqual(results(reference));
  });

  it('a unit line cut by a crash is run again; the units before it are kept', async () => {
    const statePath = join(dir, 'resume.state.json'); // complete, from the test above
    const text = readFileSync(statePath, 'utf8');
    writeFileSync(statePath, text.slice(0, text.length - 20));
    const resumed = await runAudit({ ...base, statePath, resume: 'require' });
    expect(resumed.resumedUnits).toBe(reference.units.size - 1);
    expect(results(resumed)).toEqual(results(reference));
    expect(readFileSync(statePath, 'utf8').trim().split('\n')).toHaveLength(1 + reference.units.size);
  });

  it('a state file of other settings or a damaged one is not resumed (auto) and refused with require', async () => {
    const statePath = join(dir, 'other.state.json');
    const other = { ...base, settings: { ...QUICK, attacks: ['fgsm' as const], eps: [0.1] }, statePath };
    await runAudit(other);
    await expect(runAudit({ ...base, statePath, resume: 'require' })).rejects.toBeInstanceOf(ConfigError);
    writeFileSync(statePath, '{"schema": "spikeguard-audit-state", "vers');
    expect((await runAudit({ ...other, resume: 'auto' })).resumedUnits).toBe(0);
  });

  it('two worker threads give the same results as one', async () => {
    const checkpoint = join(dir, 'small.sgck');
    await saveCheckpoint(checkpoint, model);
    const pooled = await runAudit({ ...base, statePath: join(dir, 'workers.state.json'), workers: 2, checkpoint, backend: 'cpu' });
    expect(results(pooled)).toEqual(results(reference));
    const lines = readFileSync(join(dir, 'workers.state.json'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1 + reference.units.size); // header + one line per unit
  }, 120_000);

  it('workers that cannot load the checkpoint fail the audit with a WorkerError (no hang)', async () => {
    const missing = join(dir, 'missing.sgck');
    await expect(runAudit({ ...base, statePath: join(dir, 'crash.state.json'), workers: 2, checkpoint: missing, backend: 'cpu' })).rejects.toThrow(WorkerError);
  }, 60_000);

  it('refuses bad settings and data before any work, with user errors and no leaks', async () => {
    const before = tf.memory().numTensors;
    const bad: [string, Partial<RunAuditOptions>][] = [
      ['unknown attack', { settings: { ...QUICK, attacks: ['cw' as 'pgd'] } }],
      ['negative ε', { settings: { ...QUICK, eps: [-0.1] } }],
      ['unsorted ε', { settings: { ...QUICK, eps: [0.2, 0.1] } }],
      ['empty data', { data: subset(HELD_OUT, []) }],
      ['over the memory budget', { memoryMb: 0.01 }],
      ['flips on unit', { settings: { ...QUICK, noise: 'flips' } }],
      ['unknown noise', { settings: { ...QUICK, noise: 'pink' as 'uniform' } }],
      ['workers without checkpoint', { workers: 2 }],
    ];
    for (const [what, o] of bad) {
      await expect(runAudit({ ...base, statePath: join(dir, 'bad.state.json'), ...o }), what).rejects.toBeInstanceOf(ConfigError);
    }
    expect(existsSync(join(dir, 'bad.state.json'))).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });
});
