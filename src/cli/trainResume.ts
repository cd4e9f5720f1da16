import type { Command } from 'commander';
import { ConfigError } from '../errors.js';
import type { LoadedCheckpoint, OptimizerSpec } from '../snn/index.js';

/** The flags a checkpoint's training record fixes. */
export interface FixedByCheckpoint {
  arch: string; optimizer: 'adam' | 'sgd'; lr: number; momentum: number; weightDecay: number; seed: number;
}

/** Where the resume state of `--out FILE` is written after every epoch. */
export function resumePathOf(out: string): string {
  return `${out}.resume`;
}

/**
 * What a resumed run takes from its checkpoint, checked against the options the user typed: an
 * option given on the command line that differs from the checkpoint is refused (silently
 * training with the checkpoint's value instead would mislead).
 * @throws ConfigError naming every conflicting option; also for a checkpoint without a training record.
 */
export function checkResumeConflicts(cmd: Command, f: FixedByCheckpoint, file: string, ck: LoadedCheckpoint): void {
  const t = ck.training;
  if (t === undefined) throw new ConfigError(`${file} holds no training state to resume (train --out FILE writes it to ${resumePathOf('FILE')})`);
  const o: OptimizerSpec = t.optimizer;
  const stored: Record<keyof FixedByCheckpoint, string | number> = {
    arch: ck.model.spec.name, optimizer: o.kind, lr: o.lr, momentum: o.kind === 'sgd' ? o.momentum ?? 0 : f.momentum,
    weightDecay: o.weightDecay ?? 0, seed: t.seed,
  };
  const flag = (k: string): string => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const conflicts = (Object.keys(stored) as (keyof FixedByCheckpoint)[])
    .filter((k) => cmd.getOptionValueSource(k) === 'cli' && f[k] !== stored[k])
    .map((k) => `${flag(k)} ${f[k]} (checkpoint: ${stored[k]})`);
  if (conflicts.length > 0) {
    throw new ConfigError(`--resume ${file}: ${conflicts.join(', ')} conflict with the checkpoint's run; omit them to continue it as it was`);
  }
}
