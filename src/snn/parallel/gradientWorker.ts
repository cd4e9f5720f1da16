import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../backend/selectBackend.js';
import { buildModel, type SnnModel } from '../model/buildModel.js';
import { loadTrainingMethod, type TrainingMethod } from '../train/TrainingMethod.js';
import { stepGradients } from '../train/trainStep.js';
import type { FromWorker, ToWorker } from './protocol.js';

/**
 * A data-parallel worker: holds a replica of the model on its own tfjs backend (its own wasm heap),
 * loads the weights it is sent, and returns gradients of its shard (training) or logits.
 */
const port = parentPort;
if (port === null) throw new Error('gradientWorker must run in a worker thread');
let model: SnnModel | undefined;
let method: TrainingMethod = {};

function reply(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function load(m: SnnModel, weights: readonly Float32Array[]): void {
  m.params.forEach((p, i) => {
    const t = tf.tensor(weights[i]!, p.variable.shape);
    p.variable.assign(t);
    t.dispose();
  });
}

function copy(t: tf.Tensor): Float32Array {
  return Float32Array.from(t.dataSync() as Float32Array);
}

port.on('message', (msg: ToWorker) => {
  void (async () => {
    if (msg.kind === 'init') {
      const choice = await selectBackend({ backend: msg.backend, log: () => {} });
      model = buildModel(msg.spec, { seed: 0 });
      try {
        if (msg.method !== undefined) method = await loadTrainingMethod(msg.method);
      } catch (err) {
        reply({ kind: 'error', id: 0, message: (err as Error).message });
        return;
      }
      reply({ kind: 'ready', backend: choice.name });
      return;
    }
    const m = model;
    if (m === undefined) {
      reply({ kind: 'error', id: msg.id, message: 'worker used before init' });
      return;
    }
    try {
      load(m, msg.weights);
      const x = tf.tensor(msg.x, [...msg.shape]);
      if (msg.kind === 'forward') {
        const logits = m.forward(x);
        const out = copy(logits);
        tf.dispose([x, logits]);
        reply({ kind: 'logits', id: msg.id, logits: out }, [out.buffer as ArrayBuffer]);
        return;
      }
      const labels = tf.tensor1d(msg.labels, 'int32');
      const { grads, loss, correct } = stepGradients(m, x, labels, msg.seed, method);
      const out = m.params.filter((p) => p.trainable).map((p) => copy(grads.get(p.name)!));
      const stats = m.params.filter((p) => !p.trainable).map((p) => copy(p.variable));
      tf.dispose([x, labels, ...grads.values()]);
      reply({ kind: 'grads', id: msg.id, grads: out, stats, loss, correct }, [...out, ...stats].map((a) => a.buffer as ArrayBuffer));
    } catch (err) {
      reply({ kind: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) });
    }
  })();
});
