import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { buildModel, crossEntropy, zoo } from '../../src/snn/index.js';
import { REPO_ROOT } from '../helpers/samples.js';
import { expectClose, Rng, TEST_BACKENDS, useBackend } from './snnHelpers.js';

/**
 * `csnn-nmnist` is the torch peer's network: with the same weights and input spikes, the peer
 * (`../shared/peers/torch_snn_bench.py`, imported unchanged) and spikeguard give the same logits
 * and the same weight gradients of the cross-entropy. Needs Debian's python3 with torch.
 */
const PEER_DIR = resolve(REPO_ROOT, '..', 'shared', 'peers');
const PYTHON = '/usr/bin/python3';
const haveTorch = existsSync(join(PEER_DIR, 'torch_snn_bench.py'))
  && spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
if (!haveTorch) {
  console.warn(`[spikeguard tests] peer parity skipped: needs ${PEER_DIR}/torch_snn_bench.py and ${PYTHON} with torch (apt-get install python3-torch).`);
}

const T = 4;
const B = 3;

/** Our layouts → torch's: conv [kh,kw,in,out] → [out,in,kh,kw]; fc [HWC, K] → [K, CHW]; x NHWC → NCHW. */
const toTorch = {
  conv: (w: tf.Tensor): tf.Tensor => tf.transpose(w, [3, 2, 0, 1]),
  fc: (w: tf.Tensor): tf.Tensor => tf.reshape(tf.transpose(tf.reshape(w, [8, 8, 32, 10]), [3, 2, 0, 1]), [10, 2048]),
  x: (x: tf.Tensor): tf.Tensor => tf.transpose(x, [0, 1, 4, 2, 3]),
};

function f32(path: string): Float32Array {
  const b = readFileSync(path);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

describe.skipIf(!haveTorch).each(TEST_BACKENDS)('parity with the torch peer on %s', (backend) => {
  let work = '';
  beforeAll(async () => {
    await useBackend(backend);
    work = mkdtempSync(join(tmpdir(), 'sg-peer-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('same logits and weight gradients', () => {
    const model = buildModel(zoo('csnn-nmnist'), { seed: 12 });
    const rng = new Rng(5);
    const x = tf.tensor(Float32Array.from({ length: T * B * 34 * 34 * 2 }, () => (rng.next() < 0.1 ? 1 : 0)), [T, B, 34, 34, 2]);
    const labels = tf.tensor1d([3, 7, 0], 'int32');
    const [conv1, conv2, fc] = model.params.map((p) => p.variable);
    const write = (name: string, t: tf.Tensor): void => {
      const data = t.dataSync() as Float32Array;
      writeFileSync(join(work, name), new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    };
    tf.tidy(() => {
      write('conv1.bin', toTorch.conv(conv1!));
      write('conv2.bin', toTorch.conv(conv2!));
      write('fc.bin', toTorch.fc(fc!));
      write('x.bin', toTorch.x(x));
    });
    writeFileSync(join(work, 'y.bin'), new Uint8Array(labels.dataSync().buffer));
    writeFileSync(join(work, 'in.json'), JSON.stringify({ T, B }));
    const run = spawnSync(PYTHON, [join(REPO_ROOT, 'test', 'snn', 'peer', 'csnnPeer.py'), PEER_DIR, work], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`peer failed: ${run.stderr}`);

    const { value, grads } = tf.variableGrads(() => {
      const logits = model.forward(x);
      write('ours-logits.bin', logits);
      return crossEntropy(logits, labels);
    }, [conv1!, conv2!, fc!]);
    expectClose(f32(join(work, 'ours-logits.bin')), f32(join(work, 'logits.bin')), 1e-4, 1e-4);
    tf.tidy(() => {
      expectClose(toTorch.conv(grads[conv1!.name]!).dataSync(), f32(join(work, 'dconv1.bin')), 1e-5, 1e-3);
      expectClose(toTorch.conv(grads[conv2!.name]!).dataSync(), f32(join(work, 'dconv2.bin')), 1e-5, 1e-3);
      expectClose(toTorch.fc(grads[fc!.name]!).dataSync(), f32(join(work, 'dfc.bin')), 1e-6, 1e-3);
    });
    tf.dispose([value, x, labels, ...Object.values(grads)]);
    model.dispose();
  });
});
