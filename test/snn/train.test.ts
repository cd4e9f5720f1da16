import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs-core';
import { Packr } from 'msgpackr';
import { beforeAll, describe, expect, it } from 'vitest';
import { movingBars } from '../../src/datasets/movingBars.js';
import {
  buildModel, CheckpointError, cosineLr, createOptimizer, decodeCheckpoint, encodeCheckpoint, parseModelSpec,
  splitValidation, SPEC_VERSION, trainModel, type ModelSpec, type TrainingState,
} from '../../src/snn/index.js';
import { expectNoLeak, useBackend } from './snnHelpers.js';

/** A dense SNN small enough to train in a test on the cpu backend: 8×8×2 → 24 → LIF → 4. */
const SMALL: ModelSpec = parseModelSpec({
  version: SPEC_VERSION, name: 'small', input: [8, 8, 2], classes: 4,
  neuron: { kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: { name: 'triangle', gamma: 1 } },
  layers: [{ type: 'flatten' }, { type: 'dense', units: 24, bias: true, gain: 3 }, { type: 'spiking' },
    { type: 'dropout', rate: 0.1 }, { type: 'dense', units: 4, bias: true }],
});
const DATA = movingBars({ samples: 48, T: 4, size: 8, seed: 3 });
const weightsOf = (m: ReturnType<typeof buildModel>): number[][] => m.params.map((p) => Array.from(p.variable.dataSync()));

describe('optimisers', () => {
  beforeAll(() => useBackend('cpu'));

  it('Adam and SGD-momentum follow PyTorch update rules (with L2 weight decay)', async () => {
    await expectNoLeak(() => {
      const w = tf.tidy(() => tf.variable(tf.tensor1d([1, -2])));
      const vars = new Map([['w', w]]);
      const adam = createOptimizer({ kind: 'adam', lr: 0.1, weightDecay: 0.01 }, vars);
      let m = [0, 0], v = [0, 0], p = [1, -2];
      for (let step = 1; step <= 3; step++) {
        const gRaw = [0.5 * step, -0.25];
        const g = tf.tensor1d(gRaw);
        adam.apply(new Map([['w', g]]), 0.1);
        g.dispose();
        const gd = gRaw.map((x, i) => x + 0.01 * p[i]!);
        m = m.map((x, i) => 0.9 * x + 0.1 * gd[i]!);
        v = v.map((x, i) => 0.999 * x + 0.001 * gd[i]! ** 2);
        p = p.map((x, i) => x - (0.1 * (m[i]! / (1 - 0.9 ** step))) / (Math.sqrt(v[i]! / (1 - 0.999 ** step)) + 1e-8));
        Array.from(w.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(p[i]!, 5));
      }
      expect(adam.state().step).toBe(3);
      adam.dispose();
      const sgd = createOptimizer({ kind: 'sgd', lr: 0.5, momentum: 0.9 }, vars);
      const before = Array.from(w.dataSync());
      const g = tf.tensor1d([1, 1]);
      sgd.apply(new Map([['w', g]]), 0.5);
      sgd.apply(new Map([['w', g]]), 0.5);
      Array.from(w.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(before[i]! - 0.5 * 1 - 0.5 * 1.9, 5));
      g.dispose();
      sgd.dispose();
      w.dispose();
    });
    expect(() => createOptimizer({ kind: 'adam', lr: 0 }, new Map())).toThrow(/lr must be > 0/);
  });

  it('cosine schedule runs from lr to the floor', () => {
    const lr = cosineLr(1e-3, 0, 100);
    expect(lr(0)).toBeCloseTo(1e-3, 12);
    expect(lr(50)).toBeCloseTo(5e-4, 12);
    expect(lr(100)).toBeCloseTo(0, 12);
    expect(lr(500)).toBeCloseTo(0, 12);
  });
});

describe('training on the cpu backend', () => {
  beforeAll(() => useBackend('cpu'));
  const { train, validation } = splitValidation(DATA, 0.25, 1);
  const base = { train, validation, batchSize: 8, optimizer: { kind: 'adam', lr: 1e-2 } as const, seed: 11 };

  it('is reproducible for a seed, learns, and leaves no tensor behind', async () => {
    await expectNoLeak(async () => {
      const runs = [];
      for (let k = 0; k < 2; k++) {
        const model = buildModel(SMALL, { seed: 2 });
        const steps: number[] = [];
        const result = await trainModel(model, { ...base, epochs: 3, onStep: (s) => steps.push(s.loss) });
        runs.push({ result, steps, weights: weightsOf(model) });
        model.dispose();
      }
      expect(runs[1]!.weights).toEqual(runs[0]!.weights);
      expect(runs[1]!.steps).toEqual(runs[0]!.steps);
      const h = runs[0]!.result.history;
      expect(h).toHaveLength(3);
      expect(h[2]!.trainLoss).toBeLessThan(h[0]!.trainLoss);
      expect(runs[0]!.result.best!.valAccuracy).toBe(Math.max(...h.map((e) => e.valAccuracy!)));
    });
  });

  it('resuming from a checkpoint continues exactly as an uninterrupted run', async () => {
    await expectNoLeak(async () => {
      const straight = buildModel(SMALL, { seed: 4 });
      await trainModel(straight, { ...base, validation: undefined, epochs: 2 });
      const first = buildModel(SMALL, { seed: 4 });
      let saved: Uint8Array | undefined;
      const interrupted = trainModel(first, { ...base, validation: undefined, epochs: 2,
        onEpoch: (_r, state: TrainingState) => {
          saved = encodeCheckpoint(first, { optimizer: base.optimizer, state, seed: base.seed });
          throw new Error('interrupted after epoch 1');
        } });
      await expect(interrupted).rejects.toThrow(/interrupted/);
      first.dispose();
      const { model: resumed, training } = decodeCheckpoint(saved!);
      expect(training!.state.epoch).toBe(1);
      await trainModel(resumed, { ...base, validation: undefined, epochs: 2, resume: training!.state });
      const a = weightsOf(straight);
      const b = weightsOf(resumed);
      a.forEach((w, i) => w.forEach((x, j) => expect(b[i]![j]).toBeCloseTo(x, 6)));
      straight.dispose();
      resumed.dispose();
    });
  });

  it('a resumed run still restores the best epoch of before the interruption (best weights are checkpointed)', async () => {
    await expectNoLeak(async () => {
      const model = buildModel(SMALL, { seed: 4 });
      let saved: Uint8Array | undefined;
      let afterFirst: number[][] = [];
      const interrupted = trainModel(model, { ...base, epochs: 3, onEpoch: (_r, state: TrainingState) => {
        afterFirst = weightsOf(model);
        // epoch 1 made unbeatable: its weights must be what the resumed run ends with
        const history = [{ ...state.history[0]!, valAccuracy: 1 }];
        saved = encodeCheckpoint(model, { optimizer: base.optimizer, state: { ...state, history, best: { epoch: 1, valAccuracy: 1 } }, seed: base.seed });
        throw new Error('interrupted after epoch 1');
      } });
      await expect(interrupted).rejects.toThrow(/interrupted/);
      model.dispose();
      const { model: resumed, training } = decodeCheckpoint(saved!);
      expect([...training!.state.bestWeights!.values()].map((t) => Array.from(t.dataSync()))).toEqual(afterFirst);
      const result = await trainModel(resumed, { ...base, epochs: 3, resume: training!.state });
      expect(result.best).toEqual({ epoch: 1, valAccuracy: 1 });
      expect(result.history).toHaveLength(3);
      expect(weightsOf(resumed)).toEqual(afterFirst);
      resumed.dispose();
    });
  });

  it('refuses to resume a run that has already completed the epochs asked for', async () => {
    const model = buildModel(SMALL, { seed: 4 });
    const state: TrainingState = { epoch: 3, optimizer: { step: 18, slots: new Map() }, history: [] };
    await expect(trainModel(model, { ...base, epochs: 3, resume: state })).rejects.toThrow(/epochs \(3\) must exceed the 3 epoch\(s\) the resumed run completed/);
    model.dispose();
  });
});

describe('checkpoints', () => {
  beforeAll(() => useBackend('cpu'));
  const packr = new Packr({ useRecords: false, moreTypes: false });
  const rehash = (body: unknown): Uint8Array => {
    const bytes = packr.pack(body);
    return packr.pack({ format: 'spikeguard.checkpoint', version: 1, sha256: createHash('sha256').update(bytes).digest('hex'), body: bytes });
  };

  it('round-trips weights exactly and rejects damaged or foreign files with a CheckpointError', async () => {
    await expectNoLeak(() => {
      const model = buildModel(SMALL, { seed: 9 });
      const bytes = encodeCheckpoint(model);
      const { model: back, training } = decodeCheckpoint(bytes);
      expect(training).toBeUndefined();
      expect(weightsOf(back)).toEqual(weightsOf(model));
      back.dispose();

      const flipped = bytes.slice();
      flipped[bytes.length - 20] = flipped[bytes.length - 20]! ^ 0x40;
      expect(() => decodeCheckpoint(flipped)).toThrow(/hash mismatch/);
      expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length >> 1))).toThrow(CheckpointError);
      expect(() => decodeCheckpoint(new Uint8Array([1, 2, 3, 4]))).toThrow(CheckpointError);
      const outer = packr.unpack(bytes) as Record<string, unknown>;
      expect(() => decodeCheckpoint(packr.pack({ ...outer, version: 2 }))).toThrow(/version 2 is not supported/);
      const body = packr.unpack(outer.body as Uint8Array) as { spec: ModelSpec; params: Record<string, { shape: number[] }> };
      const wrongShape = { ...body, params: { ...body.params, '1.dense.kernel': { ...body.params['1.dense.kernel']!, shape: [64, 12] } } };
      expect(() => decodeCheckpoint(rehash(wrongShape))).toThrow(/shape \[64, 12\] does not match/);
      const { ['4.dense.bias']: _dropped, ...missing } = body.params;
      expect(() => decodeCheckpoint(rehash({ ...body, params: missing }))).toThrow(/4\.dense\.bias is missing/);
      expect(() => decodeCheckpoint(rehash({ ...body, params: { ...body.params, extra: body.params['4.dense.bias'] } }))).toThrow(/not in the model: extra/);
      expect(() => decodeCheckpoint(rehash({ ...body, spec: { ...body.spec, layers: [] } }))).toThrow(/invalid model spec/);
      model.dispose();
    });
  });
});

describe('data-parallel training', () => {
  beforeAll(() => useBackend('cpu'));

  it('two workers give the single thread\'s weights (up to summation order) and close cleanly', async () => {
    await expectNoLeak(async () => {
      const noDropout: ModelSpec = { ...SMALL, layers: SMALL.layers.filter((l) => l.type !== 'dropout') };
      const options = { train: DATA, batchSize: 12, optimizer: { kind: 'sgd', lr: 0.05 } as const, seed: 2, epochs: 2, schedule: 'constant' as const };
      const single = buildModel(noDropout, { seed: 8 });
      const parallel = buildModel(noDropout, { seed: 8 });
      const a = await trainModel(single, options);
      const b = await trainModel(parallel, { ...options, workers: 2 });
      b.history.forEach((e, i) => expect(e.trainLoss).toBeCloseTo(a.history[i]!.trainLoss, 4));
      const wa = weightsOf(single);
      weightsOf(parallel).forEach((w, i) => w.forEach((x, j) => expect(x).toBeCloseTo(wa[i]![j]!, 4)));
      single.dispose();
      parallel.dispose();
    });
  }, 120_000);
});
