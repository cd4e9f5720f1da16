import * as tf from '@tensorflow/tfjs-core';
import { firstValueFrom, from, lastValueFrom, take, toArray } from 'rxjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyWindows } from '../../pipelines/streamingInference.js';
import { readEventFile } from '../../src/aedat/node/index.js';
import { concatBatches, sliceByTime, type EventBatch } from '../../src/events/index.js';
import { buildModel, disposeState, zoo, type StreamState } from '../../src/snn/index.js';
import { binFrames } from '../../src/transforms/index.js';
import { FIXTURES } from '../helpers/samples.js';
import { useBackend } from '../snn/snnHelpers.js';

const WINDOW = 50_000;
const BINS = 2;

async function nmnist(): Promise<EventBatch> {
  return (await readEventFile(`${FIXTURES}/nmnist_sample.bin`, { sensor: { width: 34, height: 34 } })).events;
}

describe('streaming inference pipeline', () => {
  beforeAll(() => useBackend('wasm'));

  it('gives, per window, the softmax of the stateful model on that window\'s frames', async () => {
    const events = await nmnist();
    const model = buildModel(zoo('csnn-nmnist'), { seed: 3 });
    const before = tf.memory().numTensors;
    const got = await lastValueFrom(from([events]).pipe(classifyWindows(model, { windowUs: WINDOW, bins: BINS }), toArray()));
    expect(tf.memory().numTensors).toBe(before);
    expect(got.map((p) => p.startUs)).toEqual([0, 1, 2, 3, 4, 5, 6].map((k) => k * WINDOW));

    // The same by hand: bin each window, step the model with carried state, softmax.
    let state = model.initState(1);
    got.forEach((p, k) => {
      const bounds = { startUs: k * WINDOW, endUs: (k + 1) * WINDOW };
      const frames = binFrames(sliceByTime(events, bounds.startUs, bounds.endUs), bounds, { width: 34, height: 34, timeBins: BINS }).data;
      const x = tf.tensor(frames, [BINS, 1, 34, 34, 2]);
      const { logits, state: next } = model.step(x, state);
      const want = tf.tidy(() => tf.softmax(logits).dataSync());
      p.scores.forEach((s, i) => expect(s).toBeCloseTo(want[i]!, 5));
      expect(p.label).toBe(p.scores.indexOf(Math.max(...p.scores)));
      tf.dispose([x, logits]);
      disposeState(state);
      state = next;
    });
    disposeState(state);
    model.dispose();
  });

  it('disposes its state when unsubscribed early, and rejects a sensor of another size', async () => {
    const events = await nmnist();
    const model = buildModel(zoo('csnn-nmnist'), { seed: 3 });
    const before = tf.memory().numTensors;
    const first = await firstValueFrom(from([events]).pipe(classifyWindows(model, { windowUs: WINDOW, bins: BINS }), take(1)));
    expect(first.scores).toHaveLength(10);
    expect(tf.memory().numTensors).toBe(before);
    const wide = { ...events, width: 64 };
    await expect(lastValueFrom(from([wide]).pipe(classifyWindows(model, { windowUs: WINDOW, bins: BINS })))).rejects.toThrow(/64×34 sensor, the model takes 34×34/);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('replays a long silence one window at a time: the tiled pass\'s scores, one window in memory', async () => {
    const events = await nmnist();
    const first = sliceByTime(events, 0, WINDOW);
    const late = sliceByTime(events, WINDOW, 2 * WINDOW);
    // 2000 empty windows: collapsed into one record (more than maxEmptyWindows), replayed as 64
    const stream = concatBatches([first, { ...late, t: late.t.map((t) => t + 2000 * WINDOW) }]);
    const model = buildModel(zoo('csnn-nmnist'), { seed: 3 });
    const before = tf.memory().numTensors;
    let longest = 0; // time steps of the largest pass the pipeline asks for
    const watched = { ...model, step: (x: tf.Tensor, st: StreamState) => {
      longest = Math.max(longest, x.shape[0]!);
      return model.step(x, st);
    } };
    const got = await lastValueFrom(from([stream]).pipe(classifyWindows(watched, { windowUs: WINDOW, bins: BINS }), toArray()));
    expect(tf.memory().numTensors).toBe(before);
    expect(got.map((p) => p.windows)).toEqual([1, 2000, 1]);
    expect(longest, 'a silence is replayed one window (BINS steps) at a time').toBe(BINS);

    // by hand: the silence as one pass over 64 windows of empty frames
    let state = model.initState(1);
    const frames = tf.tensor(binFrames(first, { startUs: 0, endUs: WINDOW }, { width: 34, height: 34, timeBins: BINS }).data, [BINS, 1, 34, 34, 2]);
    [frames, tf.zeros([64 * BINS, 1, 34, 34, 2])].forEach((x, k) => {
      const { logits, state: next } = model.step(x, state);
      const want = tf.tidy(() => tf.softmax(logits).dataSync());
      got[k]!.scores.forEach((s, i) => expect(s).toBeCloseTo(want[i]!, 5));
      tf.dispose([x, logits]);
      disposeState(state);
      state = next;
    });
    disposeState(state);
    model.dispose();
  });
});
