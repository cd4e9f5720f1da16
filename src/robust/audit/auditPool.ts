import { Worker } from 'node:worker_threads';
import { ConfigError } from '../../errors.js';
import { WorkerError } from '../../snn/index.js';
import type { AuditSettings } from './AuditSettings.js';
import type { AuditUnit } from './AuditUnit.js';
import type { BatchData } from './auditBatches.js';
import type { FromAuditWorker, ToAuditWorker } from './auditProtocol.js';
import type { UnitResult } from './runUnit.js';

/** Audit workers (worker_threads), each with its own backend and copy of the checkpoint's model. */
interface AuditPool {
  readonly size: number;
  /** Runs one unit on a free worker (the batch data is transferred, not copied). */
  run(settings: AuditSettings, unit: AuditUnit, batch: BatchData): Promise<UnitResult>;
  close(): Promise<void>;
}

/** The worker entry beside this file: `.ts` under tsx/vitest (loaded through tsx), `.js` when built. */
function spawn(): Worker {
  const here = import.meta.url;
  const entry = new URL(here.endsWith('.ts') ? './auditWorker.ts' : './auditWorker.js', here).href;
  const load = here.endsWith('.ts')
    ? `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`
    : `import(${JSON.stringify(entry)})`;
  return new Worker(load, { eval: true });
}

/** A worker's error as the class it had: a user error (ConfigError) stays one. */
function errorOf(m: { name: string; message: string }): Error {
  return m.name === 'ConfigError' ? new ConfigError(m.message) : new WorkerError(`audit worker: ${m.name}: ${m.message}`);
}

/**
 * Starts `size` workers that each load `checkpoint` on `backend`.
 * @throws WorkerError if a worker fails to start (all are stopped); ConfigError if the checkpoint is refused.
 */
export async function startAuditPool(size: number, checkpoint: string, backend: string): Promise<AuditPool> {
  const workers = Array.from({ length: size }, spawn);
  const pending = new Map<number, { resolve: (r: UnitResult) => void; reject: (e: Error) => void }>();
  let crashed: Error | undefined;
  const crash = (e: Error): void => {
    crashed ??= e;
    pending.forEach((p) => p.reject(crashed!));
    pending.clear();
  };
  const ready = workers.map((w) => new Promise<void>((resolve, reject) => {
    w.once('message', (m: FromAuditWorker) => (m.kind === 'ready' ? resolve() : reject(m.kind === 'error' ? errorOf(m) : new WorkerError('audit worker did not start'))));
    w.on('error', (e) => { crash(new WorkerError(`audit worker failed: ${e.message}`)); reject(e); });
    w.on('exit', (code) => crash(new WorkerError(`audit worker exited with code ${code}`)));
    w.postMessage({ kind: 'init', checkpoint, backend } satisfies ToAuditWorker);
  }));
  try {
    await Promise.all(ready);
  } catch (err) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw err instanceof ConfigError || err instanceof WorkerError ? err : new WorkerError(`audit worker did not start: ${(err as Error).message}`);
  }
  const idle = [...workers];
  const waiting: ((w: Worker) => void)[] = [];
  const release = (w: Worker): void => { const next = waiting.shift(); if (next) next(w); else idle.push(w); };
  const acquire = (): Promise<Worker> => new Promise((res) => { const w = idle.shift(); if (w) res(w); else waiting.push(res); });
  let nextId = 1;
  for (const w of workers) {
    w.on('message', (m: FromAuditWorker) => {
      if (m.kind === 'ready') return;
      const p = pending.get(m.id);
      pending.delete(m.id);
      release(w);
      if (m.kind === 'error') p?.reject(errorOf(m));
      else p?.resolve(m.result);
    });
  }
  return {
    size,
    run: async (settings, unit, batch) => {
      const w = await acquire();
      if (crashed !== undefined) throw crashed;
      const id = nextId++;
      return new Promise<UnitResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const msg: ToAuditWorker = { kind: 'unit', id, settings, unit, data: batch.data, shape: batch.shape, labels: batch.labels };
        w.postMessage(msg, [batch.data.buffer as ArrayBuffer]);
      });
    },
    close: async () => {
      workers.forEach((w) => w.removeAllListeners('exit'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
