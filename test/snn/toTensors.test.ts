import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { firstValueFrom, from, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { makeBatch } from '../../src/events/index.js';
import { toTensors } from '../../src/snn/toTensors.js';
import { batchFrames, toFrames, windowEvents } from '../../src/transforms/index.js';

describe('toTensors', () => {
  it('gives each frame batch as a tensor of its shape and values, owned by the subscriber', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const events = makeBatch({
      x: Uint16Array.from([0, 1, 2, 3]), y: Uint16Array.from([0, 0, 1, 1]),
      t: Float64Array.from([0, 500, 1200, 2500]), p: Uint8Array.from([1, 0, 1, 1]),
    }, { width: 4, height: 2 });
    const out = await firstValueFrom(from([events]).pipe(
      windowEvents({ by: 'time', windowUs: 1000 }), toFrames({ width: 4, height: 2 }),
      batchFrames(2), toTensors(), toArray(),
    ));
    expect(out.map((o) => o.tensor.shape)).toEqual([[1, 2, 2, 4, 2], [1, 1, 2, 4, 2]]);
    out.forEach((o) => expect(Array.from(o.tensor.dataSync())).toEqual(Array.from(o.source.data)));
    expect(tf.memory().numTensors).toBe(before + 2);
    out.forEach((o) => o.tensor.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });
});
