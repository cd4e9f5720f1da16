import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { movingBars } from '../../src/datasets/movingBars.js';
import { buildModel, splitValidation, trainModel, zoo } from '../../src/snn/index.js';
import { useBackend } from './snnHelpers.js';

/**
 * The acceptance test of issue 3: the torch peer's network (`csnn-nmnist`) learns the direction
 * of moving bars (4 classes, generated here) to > 95 % validation accuracy in a CI-sized run, on
 * the default engine (wasm with the fused kernels), leaving no tensor behind.
 */
describe('csnn-nmnist on moving bars', () => {
  beforeAll(() => useBackend('wasm'));

  it('reaches > 95 % validation accuracy', async () => {
    const before = tf.memory().numTensors;
    const data = movingBars({ samples: 960, T: 6, size: 34, seed: 21 });
    const { train, validation } = splitValidation(data, 0.2, 5);
    const model = buildModel(zoo('csnn-nmnist', 4), { seed: 1 });
    const result = await trainModel(model, {
      train, validation, epochs: 5, batchSize: 32, optimizer: { kind: 'adam', lr: 2e-3 }, seed: 3,
    });
    model.dispose();
    expect(result.best!.valAccuracy).toBeGreaterThan(0.95);
    expect(tf.memory().numTensors).toBe(before);
  }, 600_000);
});
