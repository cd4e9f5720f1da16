import { type Command, Option } from 'commander';
import { ConfigError } from '../errors.js';
import { describeTrainingMethod, parseTrainingMethodOptions, TRAINING_METHODS, type AtOptions, type TrainingMethodOptions, type TrainingMethodName } from '../robust/index.js';
import { numberIn, positiveNumber } from './numberOption.js';

/** The `train` flags that choose the training method (commander's camel-cased names). */
export interface MethodFlags {
  method: TrainingMethodName; lambda?: number; h: number;
  atAttack: 'fgsm' | 'pgd'; atEps?: number; atSteps: number; atStepSize?: number; atDomain: 'unit' | 'binary';
}

/**
 * Adds `--method vanilla|at|sr|sr+at`, `--lambda`, `--h` and the adversarial-training attack
 * (`--at-attack fgsm|pgd`, `--at-eps`, `--at-steps`, `--at-step-size`, `--at-domain`) to `train`.
 * @example addMethodOptions(program.command('train'))
 */
export function addMethodOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--method <name>', 'training method: vanilla, adversarial training (at), sparse-gradient regulariser (sr), or both').choices(TRAINING_METHODS).default('vanilla'))
    .option('--lambda <x>', 'SR weight λ (required with sr, sr+at)', numberIn(0, 1e6, false))
    .option('--h <x>', 'SR finite-difference step in input units', positiveNumber(false), 0.01)
    .addOption(new Option('--at-attack <name>', 'attack making adversarial-training examples').choices(['fgsm', 'pgd']).default('fgsm'))
    .option('--at-eps <x>', 'attack budget in input units (binary domain: cells flipped per sample); required with at, sr+at', positiveNumber(false))
    .option('--at-steps <n>', 'PGD steps', numberIn(1, 1000, true), 7)
    .option('--at-step-size <x>', 'PGD step size (default 2.5·ε/steps)', positiveNumber(false))
    .addOption(new Option('--at-domain <kind>', 'input domain of the attack: unit ([0,1], clamped) or binary (flips)').choices(['unit', 'binary']).default('unit'));
}

function atFrom(f: MethodFlags): AtOptions {
  if (f.atEps === undefined) throw new ConfigError(`--method ${f.method} needs --at-eps`);
  const domain = { kind: f.atDomain };
  if (f.atAttack === 'fgsm') return { attack: { kind: 'fgsm', eps: f.atEps }, domain };
  const stepSize = f.atStepSize ?? (f.atDomain === 'binary' ? Math.max(1, Math.round(f.atEps / f.atSteps)) : (2.5 * f.atEps) / f.atSteps);
  return { attack: { kind: 'pgd', eps: f.atEps, steps: f.atSteps, stepSize }, domain };
}

/**
 * The method settings the flags ask for, validated.
 * @throws ConfigError if sr/sr+at lack `--lambda`, at/sr+at lack `--at-eps`, or a setting is invalid.
 */
function methodFromFlags(f: MethodFlags): TrainingMethodOptions {
  const sr = (): { lambda: number; h: number } => {
    if (f.lambda === undefined) throw new ConfigError(`--method ${f.method} needs --lambda`);
    return { lambda: f.lambda, h: f.h };
  };
  switch (f.method) {
    case 'vanilla': return { method: 'vanilla' };
    case 'at': return parseTrainingMethodOptions({ method: 'at', at: atFrom(f) });
    case 'sr': return parseTrainingMethodOptions({ method: 'sr', sr: sr() });
    case 'sr+at': return parseTrainingMethodOptions({ method: 'sr+at', sr: sr(), at: atFrom(f) });
  }
}

/**
 * The method of a run: the flags' for a new run; on `--resume`, the checkpoint's (vanilla when it
 * records none), which flags may repeat but not change.
 * @throws ConfigError if the flags ask for another method than the resumed checkpoint's, or as
 *   {@link methodFromFlags}.
 */
export function resolveMethod(f: MethodFlags, resumed?: Readonly<Record<string, unknown>>): TrainingMethodOptions {
  if (resumed === undefined) return methodFromFlags(f);
  const stored = parseTrainingMethodOptions(resumed);
  if (f.method === 'vanilla') return stored;
  const asked = methodFromFlags(f);
  if (JSON.stringify(asked) !== JSON.stringify(stored)) {
    throw new ConfigError(`the checkpoint was trained with ${describeTrainingMethod(stored)}; --method asks for ${describeTrainingMethod(asked)}`);
  }
  return stored;
}
