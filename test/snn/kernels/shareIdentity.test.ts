import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { snnWasmOf } from '../../../src/snn/kernels/index.js';
import { expectNoLeak, useBackend } from '../snnHelpers.js';

describe('wasm Identity once the SNN kernels are bound', () => {
  beforeAll(async () => {
    await useBackend('wasm');
    expect(snnWasmOf(tf.backend())).not.toBeNull();
  });

  it('tf.clone shares the heap data (no new buffer) and each tensor stays valid alone', async () => {
    const buffers = tf.memory().numDataBuffers;
    await expectNoLeak(() => {
      const x = tf.tensor2d([[1, 2], [3, 4]]);
      const y = tf.clone(x);
      expect(tf.memory().numDataBuffers).toBe(buffers + 1);
      x.dispose();
      expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4]);
      const z = tf.add(y, 1); // a kernel reading the shared data after its first owner is gone
      expect(Array.from(z.dataSync())).toEqual([2, 3, 4, 5]);
      tf.dispose([y, z]);
    });
    expect(tf.memory().numDataBuffers).toBe(buffers);
  });

  it('gradients through a clone are unchanged, and nothing leaks', async () => {
    await expectNoLeak(() => {
      const x = tf.tensor1d([1, -2, 3]);
      const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.clone(a), a)))(x);
      expect(Array.from(g.dataSync())).toEqual([2, -4, 6]);
      tf.dispose([x, g]);
    });
  });
});
