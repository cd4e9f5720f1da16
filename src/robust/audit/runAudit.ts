import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, SpikeguardError } from '../../errors.js';
import type { SampleSet, SnnModel } from '../../snn/index.js';
import { checkAuditSettings, type AuditSettings } from './AuditSettings.js';
import { planUnits, unitKey, type AuditUnit } from './AuditUnit.js';
import { batchCount, batchData, checkAuditMemory, dataSha256, domainClamp, type DomainClamp } from './auditBatches.js';
import { auditKey, modelSha256 } from './auditKey.js';
import { startAuditPool } from './auditPool.js';
import { AuditState, type ResumeMode } from './AuditState.js';
import { runUnit, type UnitResult } from './runUnit.js';

/** The audit stopped at its abort signal; its state file holds every finished unit. */
export class AuditAbortedError extends SpikeguardError {
  override readonly name: string = 'AuditAbortedError';
}

export interface RunAuditOptions {
  readonly model: SnnModel;
  readonly data: SampleSet;
  readonly settings: AuditSettings;
  /** The state file (beside the report), saved after every unit. */
  readonly statePath: string;
  /** Default `auto`: resume from a state of the same audit, else start over. */
  readonly resume?: ResumeMode;
  /** Worker threads (default 1: the calling thread). More need `checkpoint` and `backend`. */
  readonly workers?: number;
  readonly checkpoint?: string;
  readonly backend?: string;
  /** Memory budget of the batches' working sets, MB (default 2048). */
  readonly memoryMb?: number;
  readonly signal?: AbortSignal;
  /** After each unit (and once at the start): units done (resumed ones included) of the total. */
  readonly onProgress?: (done: number, total: number, unit?: string) => void;
}

/** A finished audit: every unit's result, keyed by `unitKey`. */
export interface AuditRun {
  readonly key: string;
  readonly modelHash: string;
  readonly dataHash: string;
  readonly settings: AuditSettings;
  readonly labels: Int32Array;
  /** Input cells the domain's projection changes before any attack (e.g. counts > 1 under `unit`). */
  readonly clamp: DomainClamp;
  readonly units: ReadonlyMap<string, UnitResult>;
  /** Units taken from the state file of an interrupted run. */
  readonly resumedUnits: number;
}

/**
 * Runs an audit (clean, random baselines and attacks over the ε sweep, batch by batch), saving
 * every finished unit to the state file, so an interrupted audit resumes where it stopped and
 * ends with the same results as an uninterrupted one; with workers, units run in parallel and
 * give the same results (each unit's seed comes from its own key).
 * Ownership: reads the model and data; creates no lasting tensor.
 * @throws ConfigError for invalid settings, empty data, a shape the model does not take or a
 *   budget overrun (all before any work); AuditAbortedError when `signal` aborts; WorkerError.
 */
export async function runAudit(o: RunAuditOptions): Promise<AuditRun> {
  const { settings: s, data, model } = o;
  checkAuditSettings(s);
  const workers = o.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) throw new ConfigError(`audit: workers must be an integer ≥ 1, got ${workers}`);
  if (workers > 1 && o.checkpoint === undefined) throw new ConfigError('audit: workers > 1 need the checkpoint file (each worker loads it)');
  checkAuditMemory(data, s.batchSize, workers, o.memoryMb ?? 2048);
  const [, H, W, C] = data.shape;
  if (JSON.stringify([H, W, C]) !== JSON.stringify(model.spec.input)) {
    throw new ConfigError(`audit: samples are [T, ${H}, ${W}, ${C}] but the model takes [T, ${model.spec.input.join(', ')}]`);
  }
  const labels = Int32Array.from({ length: data.size }, (_, i) => data.get(i).label);
  const bad = labels.findIndex((l) => l < 0 || l >= model.spec.classes);
  if (bad >= 0) throw new ConfigError(`audit: sample ${bad} has label ${labels[bad]}, the model has ${model.spec.classes} classes`);
  const modelHash = modelSha256(model);
  const dataHash = dataSha256(data);
  const key = auditKey(s, modelHash, dataHash);
  const state = await AuditState.open(o.statePath, key, o.resume ?? 'auto');
  const all = planUnits(s, batchCount(data.size, s.batchSize));
  const todo = all.filter((u) => !state.units.has(unitKey(u)));
  const resumedUnits = all.length - todo.length;
  o.onProgress?.(resumedUnits, all.length);
  let done = resumedUnits;
  const finish = async (u: AuditUnit, r: UnitResult): Promise<void> => {
    await state.add(unitKey(u), r);
    done++;
    o.onProgress?.(done, all.length, unitKey(u));
  };
  if (workers === 1) await runInline(model, data, s, todo, finish, o.signal);
  else await runPooled(o, workers, todo, finish);
  if (done < all.length) throw new AuditAbortedError(`audit aborted after ${done} of ${all.length} units; run it again to resume from ${o.statePath}`);
  return { key, modelHash, dataHash, settings: s, labels, clamp: domainClamp(data, s.domain), units: new Map(state.units), resumedUnits };
}

type Finish = (u: AuditUnit, r: UnitResult) => Promise<void>;

async function runInline(model: SnnModel, data: SampleSet, s: AuditSettings, todo: readonly AuditUnit[], finish: Finish, signal?: AbortSignal): Promise<void> {
  let cached: { batch: number; x: tf.Tensor; labels: Int32Array } | undefined;
  try {
    for (const u of todo) {
      if (signal?.aborted) return;
      if (cached?.batch !== u.batch) {
        cached?.x.dispose();
        const b = batchData(data, u.batch, s.batchSize);
        cached = { batch: u.batch, x: tf.tensor(b.data, [...b.shape]), labels: b.labels };
      }
      await finish(u, runUnit(model, cached.x, cached.labels, s, u, () => performance.now()));
    }
  } finally {
    cached?.x.dispose();
  }
}

async function runPooled(o: RunAuditOptions, workers: number, todo: readonly AuditUnit[], finish: Finish): Promise<void> {
  const pool = await startAuditPool(workers, o.checkpoint!, o.backend ?? tf.getBackend());
  let next = 0;
  let failed = false;
  const loop = async (): Promise<void> => {
    try {
      while (next < todo.length && !failed && !o.signal?.aborted) {
        const u = todo[next++]!;
        await finish(u, await pool.run(o.settings, u, batchData(o.data, u.batch, o.settings.batchSize)));
      }
    } catch (err) {
      failed = true; // the other loops stop taking units
      throw err;
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, loop));
  } finally {
    await pool.close();
  }
}
