import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import {
  buildModel, checkMemoryBudget, createOptimizer, defaultMemoryBudgetMb, estimateMemory, parseModelSpec, specShapes,
  SPEC_VERSION, trainableVariables, trainStep, WASM_HEAP_LIMIT_MB, zoo, ZOO_NAMES, type ModelSpec,
} from '../../src/snn/index.js';
import { expectNoLeak, useBackend } from './snnHelpers.js';

/** Every layer kind, biases, a PLIF layer (its τ is a parameter) and batch norm's running statistics. */
const MIXED: ModelSpec = parseModelSpec({
  version: SPEC_VERSION, name: 'mixed', input: [12, 12, 2], classes: 3,
  neuron: { kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: { name: 'sigmoid', gamma: 4 } },
  layers: [
    { type: 'conv2d', filters: 4, kernel: 3, stride: 2, padding: 'valid', bias: true }, { type: 'batchNorm' }, { type: 'spiking' },
    { type: 'maxPool', size: 2 }, { type: 'flatten' }, { type: 'dropout', rate: 0.2 }, { type: 'dense', units: 3, bias: true },
    { type: 'spiking', neuron: { kind: 'plif', tau: 0.6 } }, { type: 'dense', units: 3, bias: false },
  ],
});

describe('specShapes', () => {
  it('gives the parameters buildModel allocates (names, shapes, trainable), without allocating', async () => {
    await useBackend('cpu');
    for (const spec of [MIXED, ...ZOO_NAMES.map((n) => zoo(n))]) {
      const before = tf.memory().numTensors;
      const shapes = specShapes(spec).flatMap((l) => l.params);
      expect(tf.memory().numTensors).toBe(before);
      const model = buildModel(spec, { seed: 0 });
      expect(shapes).toEqual(model.params.map((p) => ({ name: p.name, shape: p.variable.shape, trainable: p.trainable })));
      model.dispose();
    }
  });

  it('refuses chains that do not fit, and spec sizes beyond the bounds', () => {
    expect(() => specShapes({ ...MIXED, classes: 4 })).toThrow(/expected \[4\] \(classes\)/);
    const csnn = JSON.parse(JSON.stringify(zoo('csnn-nmnist'))) as { layers: { filters?: number }[]; input: number[] };
    csnn.layers[0]!.filters = 2e9;
    expect(() => parseModelSpec(csnn)).toThrow(/layers\[0\]\.filters: expected a positive integer ≤ 65536, got 2000000000/);
    expect(() => parseModelSpec({ ...csnn, layers: zoo('csnn-nmnist').layers, input: [34, 1e6, 2] })).toThrow(/input\[1\]: expected a positive integer ≤ 4096/);
  });
});

describe('estimateMemory', () => {
  /** Peak tensor bytes of `run` on wasm with the model, input and optimiser alive, as the estimate counts them. */
  async function measured(spec: ModelSpec, B: number, T: number, mode: 'inference' | 'training'): Promise<number> {
    const base = tf.memory().numBytes;
    const model = buildModel(spec, { seed: 0 });
    const x = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([T, B, ...spec.input], 0, 1, 'float32', 1), 0.9), 'float32'));
    const labels = tf.tensor1d(Array.from({ length: B }, (_, i) => i % spec.classes), 'int32');
    const optimizer = createOptimizer({ kind: 'adam', lr: 1e-3 }, trainableVariables(model));
    const profile = await tf.profile(() => {
      if (mode === 'training') trainStep(model, optimizer, x, labels, 1e-3, 0);
      else model.forward(x).dispose();
    });
    optimizer.dispose();
    tf.dispose([x, labels]);
    model.dispose();
    return profile.peakBytes - base;
  }

  it('is within 20% of the measured wasm peak for csnn-nmnist and vgg-dvs48, inference and training', async () => {
    await useBackend('wasm');
    const cases = [['csnn-nmnist', 32, 8], ['vgg-dvs48', 8, 4]] as const;
    await expectNoLeak(async () => {
      for (const [arch, B, T] of cases) {
        for (const mode of ['inference', 'training'] as const) {
          const need = estimateMemory(zoo(arch), { T, batch: B, mode, optimizer: 'adam' });
          // the run above keeps Adam's slots alive in both modes, and the input tensor is on the heap
          const estimate = need.totalBytes - need.inputBytes + (mode === 'inference' ? 2 * need.parameterBytes : 0);
          const ratio = estimate / (await measured(zoo(arch), B, T, mode));
          expect(ratio, `${arch} ${mode}`).toBeGreaterThan(0.8);
          expect(ratio, `${arch} ${mode}`).toBeLessThan(1.2);
        }
      }
    });
  }, 120_000);

  it('scales with T × batch, adds optimiser slots, splits the batch over workers', () => {
    const spec = zoo('csnn-nmnist');
    const one = estimateMemory(spec, { T: 8, batch: 32, mode: 'training' });
    const four = estimateMemory(spec, { T: 16, batch: 64, mode: 'training' });
    expect(four.activationBytes).toBeCloseTo(4 * one.activationBytes, -3);
    expect(one.parameters).toBe(9 * 2 * 16 + 9 * 16 * 32 + 2048 * 10);
    expect(one.optimizerBytes).toBe(3 * 4 * one.parameters); // gradients + Adam's m, v
    expect(estimateMemory(spec, { T: 8, batch: 32, mode: 'training', optimizer: 'sgd', keepBest: true }).optimizerBytes).toBe(one.optimizerBytes);
    const inference = estimateMemory(spec, { T: 8, batch: 32, mode: 'inference' });
    expect(inference.optimizerBytes).toBe(0);
    expect(inference.activationBytes).toBeLessThan(one.activationBytes / 2);
    const parallel = estimateMemory(spec, { T: 8, batch: 32, mode: 'training', workers: 2 });
    expect(parallel.heapBytes).toBeLessThan(one.heapBytes);
    expect(() => estimateMemory(spec, { T: 0, batch: 1, mode: 'inference' })).toThrow(/T must be a positive integer/);
  });
});

describe('checkMemoryBudget', () => {
  it('defaults to half the machine, at most a wasm heap on wasm', () => {
    expect(defaultMemoryBudgetMb('wasm', 24 * 2 ** 30)).toBe(WASM_HEAP_LIMIT_MB);
    expect(defaultMemoryBudgetMb('cpu', 24 * 2 ** 30)).toBe(12 * 1024);
    expect(defaultMemoryBudgetMb('wasm', 2 * 2 ** 30)).toBe(1024);
  });

  it('refuses the issue\'s sizes with a ConfigError naming them; accepts the defaults', () => {
    const csnn = zoo('csnn-nmnist');
    const check = (T: number, batch: number, mode: 'inference' | 'training', budgetMb: number, backend: 'wasm' | 'cpu' = 'wasm'): void =>
      checkMemoryBudget(estimateMemory(csnn, { T, batch, mode }), { budgetMb, backend, what: `csnn-nmnist, batch ${batch} × T ${T}` });
    expect(() => check(6, 32, 'training', defaultMemoryBudgetMb('wasm'))).not.toThrow();
    expect(() => check(1024, 4096, 'training', 12 * 1024, 'cpu')).toThrow(/csnn-nmnist, batch 4096 × T 1024 needs about \d+ MiB \(activations \d+ MiB, parameters 1 MiB \(25,376\)/);
    expect(() => check(1_000_000, 1, 'inference', 12 * 1024, 'cpu')).toThrow(ConfigError);
    expect(() => check(20_000, 1, 'inference', 12 * 1024)).toThrow(/wasm heap of about \d+ MiB .* over the 2560 MiB a wasm heap can hold/);
    expect(() => check(20_000, 1, 'inference', 12 * 1024, 'cpu')).not.toThrow();
    expect(() => check(8, 32, 'inference', 10)).toThrow(/more than the memory budget of 10 MiB \(--memory-mb\)/);
  });
});
