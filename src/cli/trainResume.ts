import type { Command } from 'commander';
import { ConfigError } from '../errors.js';
import type { LoadedCheckpoint, OptimizerSpec } from '../snn/index.js';

/** The data and batch flags of a run, stored in its checkpoint (`run`) and kept by a resume. */
export interface RunFlags { data: string; samples: number; T: number; batch: number; validation: number }

/** The flags a checkpoint's training record fixes. */
export interface FixedByCheckpoint extends RunFlags {
  arch: string; optimizer: 'adam' | 'sgd'; lr: number; momentum: number; weightDecay: number; seed: number;
}

/** The run record `train` stores beside the optimiser and seed. */
export function runRecordOf(f: RunFlags): Record<keyof RunFlags, string | number> {
  return { data: f.data, samples: f.samples, T: f.T, batch: f.batch, validation: f.validation };
}

/** Where the resume state of `--out FILE` is written after every epoch. */
export function resumePathOf(out: string): string {
  return `${out}.resume`;
}

/**
 * What a resumed run takes from its checkpoint, checked against the options the user typed: an
 * option given on the command line that differs from the checkpoint is refused (silently
 * training with the checkpoint's value instead would mislead); options left out take the
 * checkpoint's values (data and batch flags from its `run` record).
 * @returns the flags to continue with.
 * @throws ConfigError naming every conflicting option; also for a checkpoint without a training record.
 */
export function resumeFlags<F extends FixedByCheckpoint>(cmd: Command, f: F, file: string, ck: LoadedCheckpoint): F {
  const t = ck.training;
  if (t === undefined) throw new ConfigError(`${file} holds no training state to resume (train --out FILE writes it to ${resumePathOf('FILE')})`);
  const o: OptimizerSpec = t.optimizer;
  const stored: Record<keyof FixedByCheckpoint, string | number> = {
    ...runRecordOf(f), ...t.run, arch: ck.model.spec.name, optimizer: o.kind, lr: o.lr,
    momentum: o.kind === 'sgd' ? o.momentum ?? 0 : f.momentum, weightDecay: o.weightDecay ?? 0, seed: t.seed,
  };
  const keys = Object.keys(stored) as (keyof FixedByCheckpoint)[];
  const flag = (k: string): string => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const conflicts = keys.filter((k) => cmd.getOptionValueSource(k) === 'cli' && f[k] !== stored[k]).map((k) => `${flag(k)} ${f[k]} (checkpoint: ${stored[k]})`);
  if (conflicts.length > 0) {
    throw new ConfigError(`--resume ${file}: ${conflicts.join(', ')} conflict with the checkpoint's run; omit them to continue it as it was`);
  }
  const typed = keys.filter((k) => typeof stored[k] === typeof f[k]);
  return { ...f, ...Object.fromEntries(typed.map((k) => [k, stored[k]])) };
}
