import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs-core';
import { Packr } from 'msgpackr';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildModel, CheckpointError, createOptimizer, decodeCheckpoint, encodeCheckpoint, parseModelSpec, SPEC_VERSION,
  trainableVariables, type ModelSpec,
} from '../../src/snn/index.js';
import { useBackend } from './snnHelpers.js';

const SPEC: ModelSpec = parseModelSpec({
  version: SPEC_VERSION, name: 'rec', input: [4, 4, 2], classes: 3,
  neuron: { kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: { name: 'triangle', gamma: 1 } },
  layers: [{ type: 'flatten' }, { type: 'dense', units: 5, bias: true }, { type: 'spiking' }, { type: 'dense', units: 3, bias: false }],
});
const packr = new Packr({ useRecords: false, moreTypes: false });
const rehash = (body: unknown): Uint8Array => {
  const bytes = packr.pack(body);
  return packr.pack({ format: 'spikeguard.checkpoint', version: 1, sha256: createHash('sha256').update(bytes).digest('hex'), body: bytes });
};
type Body = { spec: unknown; params: unknown; training: Record<string, unknown> };

describe('checkpoint training record', () => {
  beforeAll(() => useBackend('cpu'));
  /** A valid record after 2 epochs (best = epoch 2), as the body of a checkpoint. */
  const valid = (): Body => {
    const model = buildModel(SPEC, { seed: 1 });
    const optimizer = createOptimizer({ kind: 'adam', lr: 1e-3 }, trainableVariables(model));
    const history = [1, 2].map((epoch) => ({ epoch, trainLoss: 1 / epoch, trainAccuracy: 0.5, valLoss: 1, valAccuracy: epoch / 4, seconds: 0.1 }));
    const bestWeights = new Map(model.params.map((p) => [p.name, p.variable as tf.Tensor]));
    const bytes = encodeCheckpoint(model, {
      optimizer: optimizer.spec, seed: 3, state: { epoch: 2, optimizer: optimizer.state(), history, best: { epoch: 2, valAccuracy: 0.5 }, bestWeights },
    });
    optimizer.dispose();
    model.dispose();
    return packr.unpack((packr.unpack(bytes) as { body: Uint8Array }).body) as Body;
  };

  it('a valid record round-trips', () => {
    const before = tf.memory().numTensors;
    const { model, training } = decodeCheckpoint(rehash(valid()));
    expect(training!.state.epoch).toBe(2);
    expect(training!.state.best).toEqual({ epoch: 2, valAccuracy: 0.5 });
    expect([...training!.state.bestWeights!.keys()]).toEqual(model.params.map((p) => p.name));
    expect([...training!.state.optimizer.slots.values()].every((s) => s.length === 2)).toBe(true);
    model.dispose();
    training!.state.optimizer.slots.forEach((s) => tf.dispose([...s]));
    tf.dispose([...training!.state.bestWeights!.values()]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses crafted records, naming the field, and leaves no tensor behind', () => {
    const cases: [string, (t: Record<string, unknown>) => void, RegExp][] = [
      ['epochs beyond the history', (t) => { t.epoch = 1e9; }, /epoch must be an integer in \[0, 1000000\]/],
      ['epoch not an integer', (t) => { t.epoch = '2'; }, /epoch must be an integer/],
      ['history shorter than the epochs', (t) => { t.epoch = 1; }, /history must list the 1 completed epoch/],
      ['a history entry out of range', (t) => { (t.history as Record<string, unknown>[])[0]!.trainAccuracy = 7; }, /history\[0\]\.trainAccuracy must be in \[0, 1\]/],
      ['best not in the history', (t) => { t.best = { epoch: 2, valAccuracy: 0.9 }; }, /best\.valAccuracy 0\.9 is not epoch 2's/],
      ['negative lr', (t) => { (t.optimizer as Record<string, unknown>).lr = -1; }, /optimizer\.lr must be > 0/],
      ['unknown optimiser field', (t) => { (t.optimizer as Record<string, unknown>).nesterov = true; }, /unknown field\(s\) nesterov/],
      ['seed', (t) => { t.seed = 0.5; }, /seed must be an integer/],
      ['run settings', (t) => { t.run = { T: [3] }; }, /run\.T must be a string or a finite number/],
      ['missing slot', (t) => { delete (t.slots as Record<string, unknown>)['1.dense.bias']; }, /1\.dense\.bias\[0\] is missing/],
      ['one slot for Adam', (t) => { const s = t.slots as Record<string, unknown[]>; s['1.dense.bias'] = s['1.dense.bias']!.slice(0, 1); }, /1\.dense\.bias\[1\] is missing/],
      ['best weights of another shape', (t) => {
        const w = t.bestWeights as Record<string, { shape: number[] }>;
        w['3.dense.kernel'] = { ...w['3.dense.kernel']!, shape: [3, 5] };
      }, /bestWeights\.3\.dense\.kernel: shape \[3, 5\] does not match/],
    ];
    for (const [what, craft, message] of cases) {
      const body = valid();
      craft(body.training);
      const before = tf.memory().numTensors;
      expect(() => decodeCheckpoint(rehash(body)), what).toThrow(CheckpointError);
      expect(() => decodeCheckpoint(rehash(body)), what).toThrow(message);
      expect(tf.memory().numTensors, what).toBe(before);
    }
  });
});
