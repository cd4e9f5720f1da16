import * as tf from '@tensorflow/tfjs-core';
import { from, lastValueFrom, Subject, throwError, toArray, VirtualTimeScheduler, concat } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import {
  cleanPrediction, monitorRobustness, pgd, probeOptions, randomFlipRate, type MonitorOptions, type MonitorRecord,
} from '../../../src/robust/index.js';
import type { SnnModel } from '../../../src/snn/index.js';
import type { SpikeFrame } from '../../../src/transforms/index.js';
import { useBackend } from '../../snn/snnHelpers.js';
import { barFrames, frameTensor, monitorOptions, trainedCsnn } from './monitorHelpers.js';

/** Pushes frames one at a time, running all of the monitor's work between them (an idle monitor). */
function paced(model: SnnModel, o: MonitorOptions, frames: readonly SpikeFrame[]): MonitorRecord[] {
  const scheduler = new VirtualTimeScheduler();
  const frames$ = new Subject<SpikeFrame>();
  const records: MonitorRecord[] = [];
  frames$.pipe(monitorRobustness(model, { ...o, scheduler })).subscribe({ next: (r) => records.push(r), error: (e: unknown) => { throw e; } });
  for (const f of frames) {
    frames$.next(f);
    scheduler.flush();
  }
  frames$.complete();
  return records;
}

/** Whether the PGD probe the record's options describe flips the window's own prediction at ε. */
function pgdFlips(model: SnnModel, f: SpikeFrame, o: MonitorOptions, label: number, eps: number): boolean {
  const x = frameTensor(f, o);
  const r = pgd(model, x, Int32Array.of(label), probeOptions(eps, o));
  tf.dispose([x, r.xAdv]);
  return r.fooled[0] === 1;
}

describe('monitorRobustness on a trained csnn-nmnist (wasm)', () => {
  let model: SnnModel;
  beforeAll(async () => {
    await useBackend('wasm');
    model = await trainedCsnn();
  }, 300_000);
  afterAll(() => model.dispose());

  it('measures every k-th window: a flipping ε that PGD confirms, the random flip rate there, the margin', () => {
    const frames = barFrames(5);
    const o = monitorOptions({ every: 2 });
    const before = tf.memory().numTensors;
    const records = paced(model, o, frames);
    expect(tf.memory().numTensors).toBe(before);
    expect(records.map((r) => [r.window, r.startUs, r.skipped])).toEqual([[0, 0, 0], [2, 20_000, 0], [4, 40_000, 0]]);
    for (const r of records) {
      const f = frames[r.window]!;
      const x = frameTensor(f, o);
      expect({ label: r.label, margin: r.margin }).toEqual(cleanPrediction(model, x));
      expect(r.margin).toBeGreaterThanOrEqual(0);
      expect(r.status, JSON.stringify(r)).toBe('flipped');
      expect(r.epsHigh! - r.epsLow).toBeLessThanOrEqual(o.tolerance);
      expect(pgdFlips(model, f, o, r.label, r.epsHigh!)).toBe(true);
      if (r.epsLow > 0) expect(pgdFlips(model, f, o, r.label, r.epsLow)).toBe(false);
      expect(r.randomFlipRate).toBe(randomFlipRate(model, x, r.label, r.epsHigh!, o.draws, o.domain, o.seed));
      expect(r.probes).toBeGreaterThan(1);
      x.dispose();
    }
    expect(records.some((r) => r.epsLow > 0)).toBe(true);
    expect(JSON.parse(JSON.stringify(records))).toEqual(records);
  }, 300_000);

  it('reports a window PGD cannot flip within epsMax as robust, with no flip rate', () => {
    const [r] = paced(model, monitorOptions({ epsMax: 1e-4 }), barFrames(1));
    expect(r).toMatchObject({ status: 'robust', epsLow: 1e-4, epsHigh: null, probes: 1, randomFlipRate: null });
  }, 120_000);

  it('on a binary domain searches whole cells, and PGD confirms both bounds (or no flip at epsMax)', () => {
    const frames = barFrames(2);
    const o = monitorOptions({ domain: { kind: 'binary' }, epsMax: 512, tolerance: 1 });
    const records = paced(model, o, frames);
    expect(records.map((r) => r.status)).toContain('flipped');
    for (const r of records) {
      if (r.status === 'robust') {
        expect(pgdFlips(model, frames[r.window]!, o, r.label, o.epsMax)).toBe(false);
        continue;
      }
      expect(r.status).toBe('flipped');
      expect(Number.isInteger(r.epsLow) && Number.isInteger(r.epsHigh)).toBe(true);
      expect(r.epsHigh! - r.epsLow).toBe(1);
      expect(pgdFlips(model, frames[r.window]!, o, r.label, r.epsHigh!)).toBe(true);
      if (r.epsLow > 0) expect(pgdFlips(model, frames[r.window]!, o, r.label, r.epsLow)).toBe(false);
    }
  }, 300_000);

  it('skips and counts sampled windows that arrive while a record is in progress; completes after it', () => {
    const scheduler = new VirtualTimeScheduler();
    const records: MonitorRecord[] = [];
    let completed = false;
    from(barFrames(7)).pipe(monitorRobustness(model, monitorOptions({ every: 2, scheduler })))
      .subscribe({ next: (r) => records.push(r), complete: () => (completed = true) });
    // The frames all arrived (and the source completed) before any monitor work ran; the output
    // completes only after the record in progress.
    expect([records, completed]).toEqual([[], false]);
    scheduler.flush();
    expect(records.map((r) => [r.window, r.skipped])).toEqual([[0, 3]]);
    expect(completed).toBe(true);
  }, 120_000);

  it('with a budget of 0 reports the clean pass only, out of time', () => {
    const records = paced(model, monitorOptions({ budgetMs: 0 }), barFrames(2));
    for (const r of records) expect(r).toMatchObject({ status: 'outOfTime', epsLow: 0, epsHigh: null, probes: 0, randomFlipRate: null });
    expect(records).toHaveLength(2);
  }, 120_000);

  it('frees the window in progress when unsubscribed mid-run', async () => {
    const before = tf.memory().numTensors;
    const frames$ = new Subject<SpikeFrame>();
    const sub = frames$.pipe(monitorRobustness(model, monitorOptions({ tolerance: 1e-6 }))).subscribe();
    frames$.next(barFrames(1)[0]!);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(tf.memory().numTensors).toBe(before + 1); // suspended between probes, holding the window
    sub.unsubscribe();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('sends source errors and attack errors downstream, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const fault = new ConfigError('source fault');
    await expect(lastValueFrom(concat(from(barFrames(1)), throwError(() => fault)).pipe(monitorRobustness(model, monitorOptions()))))
      .rejects.toBe(fault);
    const wrong: SpikeFrame = { ...barFrames(1)[0]!, shape: [4, 17, 17, 8] }; // same size, not the model's input
    await expect(lastValueFrom(from([wrong]).pipe(monitorRobustness(model, monitorOptions()), toArray()))).rejects.toThrow(/input must be \[T, B, 34, 34, 2\]/);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('random flip rate: none at ε = 0, some of the draws at ε = 1, in steps of 1/draws', () => {
    const o = monitorOptions();
    const x = frameTensor(barFrames(3)[2]!, o); // a window of class 1: dense noise looks like class 2 to this model
    const { label } = cleanPrediction(model, x);
    const before = tf.memory().numTensors;
    expect(randomFlipRate(model, x, label, 0, 8, o.domain, 1)).toBe(0);
    const high = randomFlipRate(model, x, label, 1, 8, o.domain, 1);
    expect(high).toBeGreaterThan(0);
    expect(Number.isInteger(high * 8)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('rejects invalid options at call time', () => {
    expect(() => monitorRobustness(model, monitorOptions({ every: 0 }))).toThrow(ConfigError);
    expect(() => monitorRobustness(model, monitorOptions({ epsMax: 1.5, domain: { kind: 'binary' } }))).toThrow(/integer/);
    expect(() => monitorRobustness(model, monitorOptions({ budgetMs: -1 }))).toThrow(/budgetMs/);
  });
});
