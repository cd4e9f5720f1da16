import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movingBars } from '../../src/datasets/movingBars.js';
import { buildModel, parseModelSpec, SPEC_VERSION, stackBatch, type ForwardOptions, type SnnModel } from '../../src/snn/index.js';
import { apgd, fgsm, parseGradientSettings, pgd, randomNoise, square, type AttackResult, type InputDomain } from '../../src/robust/index.js';
import { expectNoLeak, TEST_BACKENDS, useBackend } from '../snn/snnHelpers.js';

/** Conv → batch norm → LIF → 2×2 pool (the fused kernel on cpu/wasm) → dropout → dense: every stateful piece. */
const SPEC = parseModelSpec({
  version: SPEC_VERSION, name: 'conv-bn', input: [8, 8, 2], classes: 4,
  neuron: { kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: { name: 'triangle', gamma: 1 } },
  layers: [{ type: 'conv2d', filters: 4, kernel: 3, padding: 'same', bias: false, gain: 6 }, { type: 'batchNorm' }, { type: 'spiking' },
    { type: 'avgPool', size: 2 }, { type: 'flatten' }, { type: 'dropout', rate: 0.5 }, { type: 'dense', units: 4, bias: true }],
});
const UNIT: InputDomain = { kind: 'unit' };

describe.each(TEST_BACKENDS)('attacks leave the model as they found it (%s)', (backend) => {
  let model: SnnModel;
  let x: tf.Tensor;
  let labels: Int32Array;
  beforeAll(async () => {
    await useBackend(backend);
    model = buildModel(SPEC, { seed: 4 });
    const batch = stackBatch(movingBars({ samples: 6, T: 3, size: 8, seed: 1 }), [0, 1, 2, 3, 4, 5]);
    x = batch.x;
    labels = Int32Array.from(batch.labels.dataSync());
    batch.labels.dispose();
  });
  afterAll(() => {
    model.dispose();
    x.dispose();
  });

  it('every pass is in inference mode; parameters and running statistics are unchanged; nothing leaks', async () => {
    const seen: ForwardOptions[] = [];
    const spy: SnnModel = { ...model, forward: (xx, o) => { seen.push(o ?? {}); return model.forward(xx, o); } };
    const before = model.params.map((p) => Array.from(p.variable.dataSync()));
    const runs: ((g: ReturnType<typeof parseGradientSettings>[number]) => AttackResult)[] = [
      (gradient) => fgsm(spy, x, labels, { eps: 0.2, domain: UNIT, gradient }),
      (gradient) => pgd(spy, x, labels, { eps: 0.2, norm: 'linf', steps: 2, stepSize: 0.1, randomStart: true, restarts: 2, domain: UNIT, gradient, seed: 1 }),
      (gradient) => apgd(spy, x, labels, { eps: 0.2, norm: 'l2', steps: 3, restarts: 1, domain: UNIT, gradient, seed: 1 }),
    ];
    await expectNoLeak(() => {
      for (const g of parseGradientSettings('triangle:1,straightThrough,rate')) for (const run of runs) run(g).xAdv.dispose();
      square(spy, x, labels, { eps: 0.2, queries: 3, domain: UNIT, seed: 1 }).xAdv.dispose();
      randomNoise(spy, x, labels, { eps: 0.2, kind: 'sign', draws: 2, domain: UNIT, seed: 1 }).xAdv.dispose();
    });
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.every((o) => o.training === false)).toBe(true);
    expect(model.params.map((p) => Array.from(p.variable.dataSync()))).toEqual(before);
  });
});
