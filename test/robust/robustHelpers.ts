import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll } from 'vitest';
import { movingBars } from '../../src/datasets/movingBars.js';
import {
  buildModel, parseModelSpec, SPEC_VERSION, stackBatch, trainModel, type ModelSpec, type SnnModel,
} from '../../src/snn/index.js';
import { useBackend } from '../snn/snnHelpers.js';

/** A dense LIF network small enough to train in a test on cpu: 8×8×2 → 32 → LIF → 4 (IF-like readout). */
export const SMALL: ModelSpec = parseModelSpec({
  version: SPEC_VERSION, name: 'small', input: [8, 8, 2], classes: 4,
  neuron: { kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: { name: 'triangle', gamma: 1 } },
  layers: [{ type: 'flatten' }, { type: 'dense', units: 32, bias: true, gain: 3 }, { type: 'spiking' },
    { type: 'dense', units: 4, bias: true }],
});

/** Moving bars at the size of {@link SMALL}: 0/1 spike frames, T = 6. */
export const BARS = movingBars({ samples: 160, T: 6, size: 8, seed: 5 });

/**
 * {@link SMALL} trained for a few epochs on the first 128 bars (seeded: the same weights every run).
 * Ownership: the caller disposes the model.
 */
export async function trainedSmall(): Promise<SnnModel> {
  const model = buildModel(SMALL, { seed: 1 });
  const train = { ...BARS, size: 128 };
  await trainModel(model, { train, epochs: 6, batchSize: 16, optimizer: { kind: 'adam', lr: 1e-2 }, seed: 2 });
  return model;
}

/** The held-out bars 128.. as a batch `[T, B, 8, 8, 2]` and labels. Ownership: caller disposes `x`. */
export function heldOut(count = 32): { x: tf.Tensor; labels: Int32Array } {
  const { x, labels } = stackBatch(BARS, Array.from({ length: count }, (_, i) => 128 + i));
  const y = Int32Array.from(labels.dataSync());
  labels.dispose();
  return { x, labels: y };
}

/**
 * Registers the suite's set-up and tear-down: {@link SMALL} trained on cpu and the held-out batch,
 * handed to `set` once trained; disposed after the suite.
 * @example withTrainedSmall((f) => ({ model, x, labels } = f));
 */
export function withTrainedSmall(set: (f: { model: SnnModel; x: tf.Tensor; labels: Int32Array }) => void): void {
  let fixture: { model: SnnModel; x: tf.Tensor; labels: Int32Array } | undefined;
  beforeAll(async () => {
    await useBackend('cpu');
    fixture = { model: await trainedSmall(), ...heldOut() };
    set(fixture);
  }, 60_000);
  afterAll(() => {
    fixture?.model.dispose();
    fixture?.x.dispose();
  });
}

/** Fraction of samples not fooled. */
export function accuracyOf(fooled: Uint8Array): number {
  return fooled.reduce((n, f) => n + (f === 0 ? 1 : 0), 0) / fooled.length;
}

/** Per-sample max |a − b| and Σ|a − b|>0 counts over `[T, B, …]` (read back). */
export function perSampleDiff(a: tf.Tensor, b: tf.Tensor): { linf: number[]; l2: number[]; l0: number[] } {
  const [T = 0, B = 0] = a.shape;
  const frame = a.size / (T * B);
  const da = a.dataSync();
  const db = b.dataSync();
  const linf = new Array<number>(B).fill(0);
  const l2 = new Array<number>(B).fill(0);
  const l0 = new Array<number>(B).fill(0);
  for (let t = 0; t < T; t++) {
    for (let s = 0; s < B; s++) {
      for (let j = 0; j < frame; j++) {
        const i = (t * B + s) * frame + j;
        const d = Math.abs(da[i]! - db[i]!);
        linf[s] = Math.max(linf[s]!, d);
        l2[s]! += d * d;
        if (d > 0) l0[s]! += 1;
      }
    }
  }
  return { linf, l2: l2.map(Math.sqrt), l0 };
}
