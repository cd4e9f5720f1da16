import * as tf from '@tensorflow/tfjs-core';
import { movingBars } from '../../../src/datasets/movingBars.js';
import { PRESETS, projectToDomain, type MonitorOptions } from '../../../src/robust/index.js';
import { buildModel, trainModel, zoo, type SnnModel } from '../../../src/snn/index.js';
import type { SpikeFrame } from '../../../src/transforms/index.js';

/** 34×34 moving bars, T = 4 (0/1 spike frames). */
export const BARS = movingBars({ samples: 160, T: 4, size: 34, seed: 11 });

/**
 * csnn-nmnist (4 classes) trained for 2 epochs on the first 128 bars (seeded: the same weights
 * every run). Ownership: the caller disposes the model.
 */
export async function trainedCsnn(): Promise<SnnModel> {
  const model = buildModel(zoo('csnn-nmnist', 4), { seed: 1 });
  await trainModel(model, { train: { ...BARS, size: 128 }, epochs: 2, batchSize: 32, optimizer: { kind: 'adam', lr: 2e-3 }, seed: 3 });
  return model;
}

/** The held-out bars 128 + i as the stream's windows `index`, 10 ms each. */
export function barFrames(count: number): SpikeFrame[] {
  return Array.from({ length: count }, (_, i) => {
    const { x } = BARS.get(128 + i);
    return {
      index: i, startUs: i * 10_000, endUs: (i + 1) * 10_000, shape: [4, 34, 34, 2],
      data: Float32Array.from(x), windows: 1, outside: 0, late: 0, dropped: 0,
    };
  });
}

/** A frame as the monitor sees it: `[T, 1, H, W, C]` projected onto the options' domain. Ownership: caller disposes. */
export function frameTensor(f: SpikeFrame, o: MonitorOptions): tf.Tensor {
  const [T, H, W, C] = f.shape;
  return tf.tidy(() => projectToDomain(tf.tensor(f.data, [T, 1, H, W, C]), o.domain));
}

/** Monitor options for the tests (unit domain, triangle γ=1); `scheduler` and the rest overridable. */
export function monitorOptions(over: Partial<MonitorOptions> = {}): MonitorOptions {
  return {
    every: 1, budgetMs: 60_000, epsMax: 0.5, tolerance: 0.05, steps: 3, draws: 8, norm: 'linf',
    gradient: PRESETS.paper[0]!, domain: { kind: 'unit' }, seed: 4, ...over,
  };
}
