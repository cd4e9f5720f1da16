import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import { loadCheckpoint, selectBackend, type SnnModel } from '../../snn/index.js';
import type { FromAuditWorker, ToAuditWorker } from './auditProtocol.js';
import { runUnit } from './runUnit.js';

/** An audit worker: loads the checkpoint once on its own tfjs backend, then runs units it is sent. */
const port = parentPort;
if (port === null) throw new Error('auditWorker must run in a worker thread');
let model: SnnModel | undefined;

const reply = (m: FromAuditWorker): void => port!.postMessage(m);
const failure = (id: number, err: unknown): FromAuditWorker => ({
  kind: 'error', id, name: err instanceof Error ? err.name : 'Error', message: err instanceof Error ? err.message : String(err),
});

port.on('message', (msg: ToAuditWorker) => {
  void (async () => {
    if (msg.kind === 'init') {
      try {
        await selectBackend({ backend: msg.backend, log: () => {} });
        model = (await loadCheckpoint(msg.checkpoint)).model;
        reply({ kind: 'ready' });
      } catch (err) {
        reply(failure(0, err));
      }
      return;
    }
    if (model === undefined) return reply(failure(msg.id, new Error('audit worker used before init')));
    const x = tf.tensor(msg.data, [...msg.shape]);
    try {
      // Wall time is only reported (never decides a result).
      reply({ kind: 'result', id: msg.id, result: runUnit(model, x, msg.labels, msg.settings, msg.unit, () => performance.now()) });
    } catch (err) {
      reply(failure(msg.id, err));
    } finally {
      x.dispose();
    }
  })();
});
