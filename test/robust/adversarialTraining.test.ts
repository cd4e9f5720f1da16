import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { movingBars } from '../../src/datasets/movingBars.js';
import { ConfigError } from '../../src/errors.js';
import {
  adversarialBatch, fgsm, parseTrainingMethodOptions, pgd, trainingMethod, trainingMethodDescriptor, type TrainingMethodOptions,
} from '../../src/robust/index.js';
import {
  buildModel, decodeCheckpoint, encodeCheckpoint, parseModelSpec, splitValidation, SPEC_VERSION, stackBatch, trainModel,
  type ModelSpec, type SnnModel,
} from '../../src/snn/index.js';
import { expectClose, expectNoLeak, useBackend } from '../snn/snnHelpers.js';

/** 8×8×2 → dense 16 → LIF → dropout → dense 4: small enough for several steps per test on cpu. */
const SMALL: ModelSpec = parseModelSpec({
  version: SPEC_VERSION, name: 'small', input: [8, 8, 2], classes: 4,
  neuron: { kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: { name: 'triangle', gamma: 1 } },
  layers: [{ type: 'flatten' }, { type: 'dense', units: 16, bias: true, gain: 3 }, { type: 'spiking' },
    { type: 'dropout', rate: 0.1 }, { type: 'dense', units: 4, bias: true }],
});
const DATA = movingBars({ samples: 24, T: 3, size: 8, seed: 3 });
const { train } = splitValidation(DATA, 0, 1);
const SR = { lambda: 0.5, h: 0.01 };
const FGSM = { attack: { kind: 'fgsm', eps: 0.1 }, domain: { kind: 'unit' } } as const;
const PGD = { attack: { kind: 'pgd', eps: 0.1, steps: 2, stepSize: 0.05 }, domain: { kind: 'unit' } } as const;
const weightsOf = (m: SnnModel): number[][] => m.params.map((p) => Array.from(p.variable.dataSync()));

async function trainWith(options: TrainingMethodOptions, workers = 1): Promise<{ weights: number[][]; losses: number[] }> {
  const model = buildModel(SMALL, { seed: 2 });
  const losses: number[] = [];
  await trainModel(model, {
    train, epochs: 1, batchSize: 8, optimizer: { kind: 'sgd', lr: 0.05, momentum: 0 }, seed: 4, workers,
    method: trainingMethodDescriptor(options), onStep: (s) => losses.push(s.loss),
  });
  const weights = weightsOf(model);
  model.dispose();
  return { weights, losses };
}

describe('training-method settings', () => {
  it('reject an unknown method and invalid λ, h, ε, steps and step sizes with a ConfigError', () => {
    const bad: unknown[] = [
      { method: 'trades' }, null, { method: 'sr' }, { method: 'sr', sr: { lambda: -1, h: 0.01 } },
      { method: 'sr', sr: { lambda: 1, h: 0 } }, { method: 'sr', sr: { lambda: '1', h: 0.01 } },
      { method: 'at', at: { attack: { kind: 'fgsm', eps: 0 }, domain: { kind: 'unit' } } },
      { method: 'at', at: { attack: { kind: 'pgd', eps: 0.1, steps: 1.5, stepSize: 0.1 }, domain: { kind: 'unit' } } },
      { method: 'at', at: { attack: { kind: 'pgd', eps: 0.1, steps: 2, stepSize: -1 }, domain: { kind: 'unit' } } },
      { method: 'at', at: { attack: { kind: 'fgsm', eps: 0.5 }, domain: { kind: 'binary' } } },
      { method: 'sr+at', sr: SR, at: { attack: { kind: 'apgd', eps: 0.1 }, domain: { kind: 'unit' } } },
      { method: 'at', at: { attack: { kind: 'fgsm', eps: 0.1 }, domain: { kind: 'counts', max: 0 } } },
    ];
    for (const o of bad) {
      expect(() => parseTrainingMethodOptions(o), JSON.stringify(o)).toThrow(ConfigError);
      expect(() => trainingMethod(o)).toThrow(ConfigError);
    }
  });

  it('keep only the fields a method uses, with no undefined (msgpack/Python-safe)', () => {
    const o = parseTrainingMethodOptions({ method: 'sr', sr: { lambda: 0.1, h: 0.01, extra: 1 }, at: FGSM });
    expect(o).toEqual({ method: 'sr', sr: { lambda: 0.1, h: 0.01 } });
    expect(JSON.stringify(parseTrainingMethodOptions({ method: 'sr+at', sr: SR, at: PGD }))).not.toMatch(/undefined/);
  });
});

describe('adversarial training batches', () => {
  it('are FGSM / PGD examples of the batch made in inference mode, and leave the model unchanged', async () => {
    await useBackend('cpu');
    const model = buildModel(SMALL, { seed: 2 });
    const { x, labels } = stackBatch(train, [0, 1, 2, 3]);
    const y = Int32Array.from(labels.dataSync());
    const before = weightsOf(model);
    await expectNoLeak(() => {
      const viaFgsm = adversarialBatch(FGSM)(model, x, labels, 9);
      const direct = fgsm(model, x, y, { eps: 0.1, domain: { kind: 'unit' }, gradient: { label: 'trained', forward: {} } });
      expect(Array.from(viaFgsm.dataSync())).toEqual(Array.from(direct.xAdv.dataSync()));
      expect(Array.from(viaFgsm.dataSync())).not.toEqual(Array.from(x.dataSync()));
      const viaPgd = adversarialBatch(PGD)(model, x, labels, 9);
      const pgdDirect = pgd(model, x, y, { ...PGD.attack, norm: 'linf', randomStart: true, restarts: 1, domain: PGD.domain, gradient: { label: 'trained', forward: {} }, seed: 9 });
      expect(Array.from(viaPgd.dataSync())).toEqual(Array.from(pgdDirect.xAdv.dataSync()));
      tf.dispose([viaFgsm, direct.xAdv, viaPgd, pgdDirect.xAdv]);
    });
    expect(weightsOf(model)).toEqual(before);
    tf.dispose([x, labels]);
    model.dispose();
  });
});

describe('trainModel with a method', () => {
  const methods: TrainingMethodOptions[] = [
    { method: 'at', at: FGSM }, { method: 'at', at: PGD }, { method: 'sr', sr: SR }, { method: 'sr+at', sr: SR, at: FGSM },
  ];
  it.each(methods.map((m) => [JSON.stringify(m), m] as const))('%s trains reproducibly without leaks and differs from vanilla', async (_, m) => {
    await useBackend('cpu');
    let runs: Awaited<ReturnType<typeof trainWith>>[] = [];
    await expectNoLeak(async () => {
      runs = [await trainWith(m), await trainWith(m)];
    });
    expect(runs[0]!.losses.every(Number.isFinite)).toBe(true);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0]!.weights).not.toEqual((await trainWith({ method: 'vanilla' })).weights);
  }, 60_000);

  it('sr on 2 worker threads equals one thread (no batch norm or dropout coupling: SR is per sample)', async () => {
    await useBackend('cpu');
    const spec = parseModelSpec({ ...SMALL, layers: SMALL.layers.filter((l) => l.type !== 'dropout') });
    const run = async (workers: number): Promise<number[][]> => {
      const model = buildModel(spec, { seed: 2 });
      await trainModel(model, {
        train, epochs: 1, batchSize: 8, optimizer: { kind: 'sgd', lr: 0.05, momentum: 0 }, seed: 4, workers,
        method: trainingMethodDescriptor({ method: 'sr', sr: SR }),
      });
      const w = weightsOf(model);
      model.dispose();
      return w;
    };
    const [one, two] = [await run(1), await run(2)];
    one.forEach((w, i) => expectClose(two[i]!, w, 1e-5, 1e-4));
  }, 120_000);

  it('refuses a descriptor without that factory or with invalid options, before training, without leaks', async () => {
    await useBackend('cpu');
    const model = buildModel(SMALL, { seed: 2 });
    const base = { train, epochs: 1, batchSize: 8, optimizer: { kind: 'adam', lr: 1e-3 } as const, seed: 0 };
    const { module } = trainingMethodDescriptor({ method: 'vanilla' });
    const before = weightsOf(model);
    await expectNoLeak(async () => {
      await expect(trainModel(model, { ...base, method: { module, factory: 'noSuchFactory', options: {} } })).rejects.toThrow(ConfigError);
      await expect(trainModel(model, { ...base, method: { module, factory: 'trainingMethod', options: { method: 'sr', sr: { lambda: 1, h: 0 } } } })).rejects.toThrow(/h must be/);
      await expect(trainModel(model, { ...base, method: { module: 'file:///no/such/module.js', factory: 'f', options: {} } })).rejects.toThrow(ConfigError);
    });
    expect(weightsOf(model)).toEqual(before);
    model.dispose();
  });

  it('a checkpoint records the method and its settings', async () => {
    await useBackend('cpu');
    const model = buildModel(SMALL, { seed: 2 });
    const method = parseTrainingMethodOptions({ method: 'sr+at', sr: SR, at: PGD });
    // Adam's two moment slots per trainable parameter, as a real run stores them
    const slots = new Map(model.params.filter((p) => p.trainable).map((p) => [p.name, [tf.zerosLike(p.variable), tf.zerosLike(p.variable)]]));
    const bytes = encodeCheckpoint(model, { optimizer: { kind: 'adam', lr: 1e-3 }, seed: 0, method, state: { epoch: 0, optimizer: { step: 0, slots }, history: [] } });
    slots.forEach((ts) => tf.dispose(ts));
    const loaded = decodeCheckpoint(bytes);
    loaded.training?.state.optimizer.slots.forEach((ts) => tf.dispose([...ts]));
    expect(loaded.training?.method).toEqual(method);
    expect(parseTrainingMethodOptions(loaded.training?.method)).toEqual(method);
    loaded.model.dispose();
    model.dispose();
  });
});
