import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAll } from '../../../src/aedat/decodeAll.js';
import { createAedat4Decoder } from '../../../src/aedat/aedat4/Aedat4Decoder.js';
import { writeAedat4 } from '../../../src/aedat/aedat4/Aedat4Writer.js';
import type { EventBatch } from '../../../src/events/EventBatch.js';
import { seededRng } from '../../../src/events/seededRng.js';
import { ConfigError } from '../../../src/errors.js';
import type { EventBinning } from '../../../src/robust/events/EventGrid.js';
import type { EventAttackResult } from '../../../src/robust/events/EventAttack.js';
import { gradientEventAttack } from '../../../src/robust/events/gradientEventAttack.js';
import { randomEventAttack } from '../../../src/robust/events/randomEventAttack.js';
import { summarizeEventAttacks } from '../../../src/robust/events/summarizeEventAttacks.js';
import { atan, buildModel, type SnnModel, zoo } from '../../../src/snn/index.js';
import { binSample } from '../../../src/transforms/binSample.js';
import { expectNoLeak, useBackend } from '../../snn/snnHelpers.js';
import { fixture } from '../../helpers/samples.js';
import { createNmnistDecoder } from '../../../src/aedat/nmnist/NmnistDecoder.js';
import { blobRecording } from './eventFixtures.js';

const binning: EventBinning = { n: 4, edges: 'inclusive', width: 34, height: 34 };
const rebin = (events: EventBatch): Float32Array =>
  binSample(events, { by: 'time', n: binning.n, edges: binning.edges }, { width: 34, height: 34, values: binning.values ?? 'count' }).data;

function predict(model: SnnModel, frames: Float32Array): number {
  return tf.tidy(() => tf.argMax(model.forward(tf.tensor5d(frames, [4, 1, 34, 34, 2])), 1).dataSync()[0]!);
}

/** Writes the attacked recording as AEDAT 4.0 and reads it back. */
function throughAedat4(events: EventBatch): EventBatch {
  const r = decodeAll(createAedat4Decoder(), writeAedat4([events], { width: 34, height: 34, compression: 'lz4' }));
  expect(r.error).toBeUndefined();
  return r.events;
}

describe('event-level attacks', () => {
  let model: SnnModel;
  const recordings = [0, 1, 2, 3].map((s) => blobRecording(s, 600));
  beforeAll(async () => {
    await useBackend('cpu');
    model = buildModel(zoo('mlp'), { seed: 0 });
  });
  afterAll(() => model.dispose());

  const options = (events: EventBatch, seed: number) => ({
    label: predict(model, rebin(events)), budget: 150, binning, forward: { surrogate: atan(2) }, rng: seededRng(seed),
  });

  function checkResult(r: EventAttackResult, clean: EventBatch, label: number): void {
    expect(r.l0).toBe(r.injected + r.deleted);
    expect(r.l0).toBeLessThanOrEqual(150);
    expect(r.events.t.length).toBe(clean.t.length + r.injected - r.deleted);
    const reread = rebin(throughAedat4(r.events));
    expect(reread).toEqual(r.frames);
    const cleanFrames = rebin(clean);
    expect(reread.reduce((s, v, i) => s + Math.abs(v - cleanFrames[i]!), 0)).toBe(r.l0);
    expect(predict(model, reread) !== label).toBe(r.fooled);
  }

  it('gradient attack: fools the model within the budget; the written AEDAT 4.0 re-bins to the attacked tensor', async () => {
    const results: EventAttackResult[] = [];
    await expectNoLeak(() => {
      recordings.forEach((events, i) => {
        const o = options(events, i);
        const r = gradientEventAttack(model, events, o);
        checkResult(r, events, o.label);
        results.push(r);
      });
    });
    const s = summarizeEventAttacks(results);
    expect(s.cleanCorrect).toBe(4);
    expect(s.successRate).toBe(1);
    expect(s.l0.every((l) => l > 0 && l <= 150)).toBe(true);
  }, 120_000);

  it('random attack at the same budget: exact, uses the whole budget, fools less often', async () => {
    const gradient: EventAttackResult[] = [];
    const random: EventAttackResult[] = [];
    await expectNoLeak(() => {
      recordings.forEach((events, i) => {
        const o = options(events, i);
        const r = randomEventAttack(model, events, o);
        checkResult(r, events, o.label);
        expect(r.l0).toBe(150);
        random.push(r);
        gradient.push(gradientEventAttack(model, events, { ...o, rng: seededRng(i) }));
      });
    });
    expect(summarizeEventAttacks(random).successRate).toBeLessThan(summarizeEventAttacks(gradient).successRate);
  }, 120_000);

  it('on a real N-MNIST recording with binary tonic bins: exact through AEDAT 4.0, one cell flip per event changed', () => {
    const events = decodeAll(createNmnistDecoder({ sensor: { width: 34, height: 34 } }), fixture('nmnist_sample.bin')).events;
    const b: EventBinning = { n: 4, edges: 'tonic', width: 34, height: 34, values: 'binary' };
    const bin = (e: EventBatch): Float32Array => binSample(e, { by: 'time', n: 4, edges: 'tonic' }, { width: 34, height: 34, values: 'binary' }).data;
    const clean = bin(events);
    const o = { label: predict(model, clean), budget: 150, binning: b, forward: { gradient: 'rate' as const }, rng: seededRng(7) };
    for (const r of [gradientEventAttack(model, events, o), randomEventAttack(model, events, o)]) {
      expect(r.l0).toBeGreaterThan(0);
      const reread = bin(throughAedat4(r.events));
      expect(reread).toEqual(r.frames);
      expect(reread.reduce((s, v, i) => s + Math.abs(v - clean[i]!), 0)).toBe(r.l0);
      expect(predict(model, reread) !== o.label).toBe(r.fooled);
    }
  });

  it('a wrong clean prediction is not attacked; budget 0 changes nothing; bad options are ConfigErrors', () => {
    const events = recordings[0]!;
    const o = options(events, 0);
    const wrong = gradientEventAttack(model, events, { ...o, label: (o.label + 1) % 10 });
    expect(wrong).toMatchObject({ cleanCorrect: false, fooled: true, l0: 0 });
    const none = gradientEventAttack(model, events, { ...o, budget: 0 });
    expect(none).toMatchObject({ cleanCorrect: true, fooled: false, l0: 0 });
    expect(rebin(none.events)).toEqual(rebin(events));
    expect(() => gradientEventAttack(model, events, { ...o, budget: -1 })).toThrow(ConfigError);
    expect(() => randomEventAttack(model, events, { ...o, deleteShare: 2 })).toThrow(ConfigError);
    expect(() => randomEventAttack(model, events, { ...o, label: 1.5 })).toThrow(ConfigError);
    expect(() => randomEventAttack(model, events, { ...o, label: 10 })).toThrow(/label must be an integer in 0\.\.9/);
    expect(() => gradientEventAttack(model, events, { ...o, perRound: 0 })).toThrow(ConfigError);
  });
});
