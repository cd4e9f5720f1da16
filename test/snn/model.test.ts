import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import {
  buildModel, disposeState, parseModelSpec, resetStreams, SPEC_VERSION, zoo, atan, type ModelSpec,
} from '../../src/snn/index.js';
import { expectClose, expectNoLeak, Rng, TEST_BACKENDS, useBackend } from './snnHelpers.js';

/** A small conv SNN with every layer kind, 10×10×2 input, 3 classes. */
const TINY: ModelSpec = parseModelSpec({
  version: SPEC_VERSION, name: 'tiny', input: [10, 10, 2], classes: 3,
  neuron: { kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: { name: 'sigmoid', gamma: 4 } },
  layers: [
    { type: 'conv2d', filters: 4, kernel: 3, padding: 'same', bias: true, gain: 6 },
    { type: 'batchNorm' },
    { type: 'spiking' },
    { type: 'maxPool', size: 2 },
    { type: 'conv2d', filters: 6, kernel: 3, padding: 'valid', bias: false, gain: 6 },
    { type: 'spiking', neuron: { kind: 'plif', tau: 0.6, reset: 'soft' } },
    { type: 'avgPool', size: 2 },
    { type: 'flatten' },
    { type: 'dropout', rate: 0.25 },
    { type: 'dense', units: 3, bias: true },
  ],
});

function spikes(rng: Rng, shape: number[], p: number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => (rng.next() < p ? 1 : 0)), shape);
}

describe('model spec', () => {
  it('fills defaults and names the faulty field', () => {
    expect(TINY.layers[1]).toEqual({ type: 'batchNorm', momentum: 0.9, epsilon: 1e-5 });
    const bad = (patch: object, msg: RegExp): void => {
      expect(() => parseModelSpec({ ...JSON.parse(JSON.stringify(TINY)), ...patch })).toThrow(msg);
    };
    bad({ version: 2 }, /version: expected 1/);
    bad({ layers: [{ type: 'conv3d' }] }, /layers\[0\]\.type: unknown layer type/);
    bad({ layers: [{ type: 'conv2d', filters: 0, kernel: 3, padding: 'same' }] }, /layers\[0\]\.filters: expected a positive integer/);
    bad({ layers: [{ type: 'dense', units: 3, bias: false, size: 2 }] }, /unknown field\(s\) size/);
    bad({ neuron: { ...TINY.neuron, surrogate: { name: 'relu' } } }, /surrogate\.name: expected one of/);
    bad({ neuron: { ...TINY.neuron, tau: 1.5 } }, /tau: expected a decay in \(0, 1\]/);
    bad({ input: [10, 10] }, /input: expected \[H, W, C\]/);
    expect(() => parseModelSpec('csnn')).toThrow(ConfigError);
  });

  it("checks each spiking layer's neuron, merged over the model's, when the spec is parsed", () => {
    const withLayer = (neuron: object, model: object = TINY.neuron): unknown => ({
      ...JSON.parse(JSON.stringify(TINY)), neuron: model, layers: [{ type: 'spiking', neuron }, { type: 'flatten' }, { type: 'dense', units: 3, bias: false }],
    });
    const ifModel = { kind: 'if', theta: 1, reset: 'hard', detachReset: false, surrogate: { name: 'atan' } };
    expect(() => parseModelSpec(withLayer({ kind: 'lif' }, ifModel))).toThrow(/layers\[0\]\.neuron\.tau: required for lif/);
    expect(() => parseModelSpec(withLayer({ kind: 'plif', tau: 1 }))).toThrow(/layers\[0\]\.neuron\.tau: plif needs an initial tau < 1/);
    expect(() => parseModelSpec({ ...JSON.parse(JSON.stringify(TINY)), neuron: { ...ifModel, kind: 'plif' } })).toThrow(/model spec\.neuron\.tau: required for plif/);
    // An IF carries no τ: one left from a LIF base (or given by mistake) is dropped.
    expect(parseModelSpec({ ...JSON.parse(JSON.stringify(TINY)), neuron: { ...ifModel, tau: 0.5 } }).neuron).toEqual(ifModel);
  });

  it('rejects layer chains that do not fit, without leaking variables', async () => {
    await useBackend('cpu');
    await expectNoLeak(() => {
      expect(() => buildModel({ ...TINY, layers: TINY.layers.filter((l) => l.type !== 'flatten') }, { seed: 0 }))
        .toThrow(/dense needs a flat input/);
      expect(() => buildModel({ ...TINY, classes: 4 }, { seed: 0 })).toThrow(/expected \[4\] \(classes\)/);
    });
  });

  it('builds every zoo architecture with the documented shapes', async () => {
    await useBackend('cpu');
    await expectNoLeak(() => {
      const csnn = buildModel(zoo('csnn-nmnist'), { seed: 0 });
      expect(csnn.layers.map((l) => l.outputShape)).toEqual([
        [34, 34, 16], [34, 34, 16], [17, 17, 16], [17, 17, 32], [17, 17, 32], [8, 8, 32], [2048], [10]]);
      expect(csnn.params.map((p) => [p.name, p.variable.shape])).toEqual([
        ['0.conv2d.kernel', [3, 3, 2, 16]], ['3.conv2d.kernel', [3, 3, 16, 32]], ['7.dense.kernel', [2048, 10]]]);
      csnn.dispose();
      for (const [name, side] of [['vgg-dvs48', 48], ['vgg-dvs128', 128], ['mlp', 34]] as const) {
        const m = buildModel(zoo(name, 11), { seed: 0 });
        expect(m.spec.input).toEqual([side, side, 2]);
        expect(m.layers.at(-1)!.outputShape).toEqual([11]);
        m.dispose();
      }
    });
    expect(() => zoo('resnet')).toThrow(/unknown architecture/);
  });
});

describe.each(TEST_BACKENDS)('model on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('same seed, same weights and logits; gradients reach every trainable parameter', async () => {
    await expectNoLeak(() => {
      const a = buildModel(TINY, { seed: 3 });
      const b = buildModel(TINY, { seed: 3 });
      const x = spikes(new Rng(1), [6, 2, 10, 10, 2], 0.3);
      const za = a.forward(x);
      const zb = b.forward(x);
      expect(za.shape).toEqual([2, 3]);
      expect(Array.from(za.dataSync())).toEqual(Array.from(zb.dataSync()));
      const trainable = a.params.filter((p) => p.trainable).map((p) => p.variable);
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(a.forward(x, { training: true, seed: 1 }))) as tf.Scalar, trainable);
      for (const v of trainable) {
        const g = grads[v.name]!;
        expect(g.shape).toEqual(v.shape);
        expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
      }
      expect(Array.from(grads[trainable[0]!.name]!.dataSync()).some((v) => v !== 0)).toBe(true);
      tf.dispose([x, za, zb, value, ...Object.values(grads)]);
      a.dispose();
      b.dispose();
    });
  });

  it('streaming: windows with carried state equal one pass; reset zeroes chosen streams', async () => {
    await expectNoLeak(() => {
      const model = buildModel(TINY, { seed: 5 });
      const x = spikes(new Rng(2), [8, 3, 10, 10, 2], 0.3);
      const whole = model.forward(x);
      const s0 = model.initState(3);
      const [first, second] = tf.split(x, 2, 0) as [tf.Tensor, tf.Tensor];
      const w1 = model.step(first, s0);
      const w2 = model.step(second, w1.state);
      const mean = tf.tidy(() => tf.div(tf.add(w1.logits, w2.logits), 2));
      expectClose(mean.dataSync(), whole.dataSync(), 1e-5, 1e-5);
      const fresh = model.step(second, s0);
      const reset = resetStreams(w1.state, [1]);
      const w2r = model.step(second, reset);
      const row = (t: tf.Tensor, i: number): number[] => Array.from(t.dataSync().slice(i * 3, i * 3 + 3));
      expect(row(w2r.logits, 1)).toEqual(row(fresh.logits, 1));
      expect(row(w2r.logits, 0)).toEqual(row(w2.logits, 0));
      expect(() => tf.tidy(() => model.step(x, model.initState(2)).logits)).toThrow(/window has 3 streams, state has 2/);
      expect(() => tf.tidy(() => model.forward(tf.zeros([2, 10, 10, 2])))).toThrow(/input must be \[T, B, 10, 10, 2\]/);
      [s0, w1.state, w2.state, fresh.state, reset, w2r.state].forEach(disposeState);
      tf.dispose([x, first, second, whole, w1.logits, w2.logits, mean, fresh.logits, w2r.logits]);
      model.dispose();
    });
  });

  it('surrogate and rate gradients are chosen per call; forward values do not change', async () => {
    await expectNoLeak(() => {
      const model = buildModel(TINY, { seed: 7 });
      const x = spikes(new Rng(3), [4, 2, 10, 10, 2], 0.3);
      const inputGrad = (o: object): Float32Array => tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(model.forward(v, o)))(x).dataSync() as Float32Array);
      const base = inputGrad({});
      const viaAtan = inputGrad({ surrogate: atan(2) });
      const viaRate = inputGrad({ gradient: 'rate' });
      expect(base.some((v, i) => v !== viaAtan[i])).toBe(true);
      expect(base.some((v, i) => v !== viaRate[i])).toBe(true);
      const z1 = model.forward(x, { surrogate: atan(2), gradient: 'rate' });
      const z0 = model.forward(x);
      expect(Array.from(z1.dataSync())).toEqual(Array.from(z0.dataSync()));
      tf.dispose([x, z0, z1]);
      model.dispose();
    });
  });
});

describe('streaming for long', () => {
  beforeAll(() => useBackend('wasm'));

  it('10,000 stateful steps leave the tensor count unchanged', async () => {
    const model = buildModel(TINY, { seed: 1 });
    const x = spikes(new Rng(9), [1, 2, 10, 10, 2], 0.3);
    const before = tf.memory().numTensors;
    let state = model.initState(2);
    for (let i = 0; i < 10_000; i++) {
      const { logits, state: next } = model.step(x, state);
      logits.dispose();
      disposeState(state);
      state = next;
    }
    disposeState(state);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  }, 300_000);
});
