import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkSrOptions, marginProbability, srObjective, strongestWrongClass } from '../../src/robust/srObjective.js';
import { ConfigError } from '../../src/errors.js';
import {
  buildModel, parseModelSpec, SPEC_VERSION, stepGradients, trainableVariables, type ModelSpec, type SnnModel,
} from '../../src/snn/index.js';
import { expectClose, expectNoLeak, Rng, TEST_BACKENDS, useBackend } from '../snn/snnHelpers.js';
import { directionByHand, srByHand, srLossByHand } from './srReference.js';

const LIF = { kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: { name: 'triangle', gamma: 1 } };
/** Conv → batch norm → LIF fused with 2×2 avg pool → dropout → dense: every layer SR passes through. */
const CONV: ModelSpec = parseModelSpec({
  version: SPEC_VERSION, name: 'sr-conv', input: [6, 6, 2], classes: 3, neuron: LIF,
  layers: [{ type: 'conv2d', filters: 4, kernel: 3, padding: 'same', bias: false, gain: 4 }, { type: 'batchNorm' },
    { type: 'spiking' }, { type: 'avgPool', size: 2 }, { type: 'flatten' }, { type: 'dropout', rate: 0.3 },
    { type: 'dense', units: 3, bias: true }],
});
/** No spiking layer: the loss is smooth in the weights, so finite differences check the gradient. */
const SMOOTH: ModelSpec = parseModelSpec({
  version: SPEC_VERSION, name: 'sr-smooth', input: [3, 3, 2], classes: 3, neuron: LIF,
  layers: [{ type: 'flatten' }, { type: 'dense', units: 5, bias: true }, { type: 'dense', units: 3, bias: true }],
});

function batch(spec: ModelSpec, T: number, B: number, seed: number, density: number): { x: tf.Tensor; y: Int32Array; labels: tf.Tensor1D } {
  const rng = new Rng(seed);
  const n = T * B * spec.input.reduce((a, b) => a * b, 1);
  const x = tf.tensor(Float32Array.from({ length: n }, () => (rng.next() < density ? 1 : 0)), [T, B, ...spec.input]);
  const y = Int32Array.from({ length: B }, () => Math.floor(rng.next() * spec.classes));
  return { x, y, labels: tf.tensor1d(y, 'int32') };
}

const statsOf = (m: SnnModel): number[][] => m.params.filter((p) => !p.trainable).map((p) => Array.from(p.variable.dataSync()));

describe('SR objective pieces', () => {
  it('f = sigmoid(z_y − z_m) with m the strongest wrong class', async () => {
    await useBackend('cpu');
    await expectNoLeak(() => {
      const z = tf.tensor2d([[3, 1, 2], [0, 5, 4], [1, 1, 7]]);
      const y = tf.tensor1d([0, 2, 2], 'int32');
      const m = strongestWrongClass(z, y);
      expect(Array.from(m.dataSync())).toEqual([2, 1, 0]);
      const f = marginProbability(z, y, m);
      expectClose(f.dataSync(), [1 / (1 + Math.exp(-1)), 1 / (1 + Math.exp(1)), 1 / (1 + Math.exp(-6))], 1e-6, 1e-6);
      tf.dispose([z, y, m, f]);
    });
  });

  it('rejects invalid λ and h with a ConfigError', () => {
    for (const bad of [{ lambda: -1, h: 0.01 }, { lambda: NaN, h: 0.01 }, { lambda: 1, h: 0 }, { lambda: 1, h: -0.1 }, { lambda: 1, h: Infinity }]) {
      expect(() => checkSrOptions(bad)).toThrow(ConfigError);
      expect(() => srObjective(bad)).toThrow(ConfigError);
    }
  });
});

describe.each(TEST_BACKENDS)('SR objective on %s', (backend) => {
  it('loss and weight gradients equal the plain formula (3 forward passes), leaving no tensor', async () => {
    await useBackend(backend);
    const model = buildModel(CONV, { seed: 5 });
    const { x, y, labels } = batch(CONV, 3, 6, 1, 0.4);
    const want = srByHand(model, x, y, 7, 0.5, 0.01);
    await expectNoLeak(() => {
      const got = stepGradients(model, x, labels, 7, { objective: srObjective({ lambda: 0.5, h: 0.01 }) });
      expect(got.loss).toBeCloseTo(want.loss, 4);
      for (const [name, g] of got.grads) expectClose(g.dataSync(), want.grads.get(name)!, 1e-4, 1e-3);
      tf.dispose([...got.grads.values()]);
    });
    expect([...want.grads.values()].some((g) => g.some((v) => v !== 0))).toBe(true);
    tf.dispose([x, labels]);
    model.dispose();
  });
});

describe('SR objective, exact checks on cpu', () => {
  it('the weight gradient matches central finite differences of the loss (fixed v, m)', async () => {
    await useBackend('cpu');
    const model = buildModel(SMOOTH, { seed: 3 });
    const { x, y, labels } = batch(SMOOTH, 2, 4, 9, 0.5);
    const [lambda, h, seed] = [2, 0.05, 0];
    const { v, m } = directionByHand(model, x, y, seed);
    const got = stepGradients(model, x, labels, seed, { objective: srObjective({ lambda, h }) });
    for (const [name, w] of trainableVariables(model)) {
      const base = w.dataSync().slice() as Float32Array;
      for (const i of new Set([0, 1, base.length - 1])) {
        const at = (delta: number): number => {
          const p = base.slice();
          p[i]! += delta;
          w.assign(tf.tensor(p, w.shape));
          const l = srLossByHand(model, x, y, v, m, seed, lambda, h);
          const out = l.dataSync()[0]!;
          l.dispose();
          return out;
        };
        const fd = (at(1e-2) - at(-1e-2)) / 2e-2;
        w.assign(tf.tensor(base, w.shape));
        expectClose([got.grads.get(name)!.dataSync()[i]!], [fd], 2e-3, 2e-2);
      }
    }
    tf.dispose([x, labels, v, ...got.grads.values()]);
    model.dispose();
  });

  it('updates batch-norm running statistics once, from the clean pass', async () => {
    await useBackend('cpu');
    const model = buildModel(CONV, { seed: 5 });
    const { x, labels } = batch(CONV, 3, 6, 2, 0.4);
    const initial = model.params.filter((p) => !p.trainable).map((p) => tf.clone(p.variable));
    tf.dispose(model.forward(x, { training: true, seed: 1 }));
    const once = statsOf(model);
    model.params.filter((p) => !p.trainable).forEach((p, i) => p.variable.assign(initial[i]!));
    const got = stepGradients(model, x, labels, 1, { objective: srObjective({ lambda: 1, h: 0.01 }) });
    statsOf(model).forEach((s, i) => expectClose(s, once[i]!, 1e-7, 1e-6));
    tf.dispose([x, labels, ...initial, ...got.grads.values()]);
    model.dispose();
  });

  it('λ = 0 gives the plain cross-entropy gradient', async () => {
    await useBackend('cpu');
    const model = buildModel(CONV, { seed: 4 });
    const { x, labels } = batch(CONV, 2, 4, 3, 0.4);
    const ce = stepGradients(model, x, labels, 2);
    const sr = stepGradients(model, x, labels, 2, { objective: srObjective({ lambda: 0, h: 0.01 }) });
    expect(sr.loss).toBeCloseTo(ce.loss, 5);
    for (const [name, g] of sr.grads) expectClose(g.dataSync(), ce.grads.get(name)!.dataSync(), 1e-6, 1e-5);
    tf.dispose([x, labels, ...ce.grads.values(), ...sr.grads.values()]);
    model.dispose();
  });
});
