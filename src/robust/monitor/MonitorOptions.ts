import type { SchedulerLike } from 'rxjs';
import { ConfigError } from '../../errors.js';
import type { GradientSetting } from '../GradientSetting.js';
import { checkDomain, type InputDomain } from '../InputDomain.js';
import { checkCount, checkNonNegative, type Norm } from '../perturbation.js';
import type { PgdOptions } from '../pgd.js';

/** Options of {@link monitorRobustness}; no defaults (the CLI states its own). */
export interface MonitorOptions {
  /** Measure every k-th window (k ≥ 1; the first window is measured). */
  readonly every: number;
  /** Time budget per record in ms, checked between probes (a probe in progress finishes). 0 = clean pass only. */
  readonly budgetMs: number;
  /** Upper end of the ε search, in the domain's units (binary: cells, an integer ≥ 1). */
  readonly epsMax: number;
  /** The search stops when the flipping ε is known to within this width (binary: at least 1 cell). */
  readonly tolerance: number;
  /** PGD gradient steps per probe (≥ 1). */
  readonly steps: number;
  /** Uniform-noise draws (binary: random flips) for the random flip rate (≥ 1). */
  readonly draws: number;
  /** Threat model of the continuous domains (unused for `binary`, which is L0). */
  readonly norm: Norm;
  readonly gradient: GradientSetting;
  readonly domain: InputDomain;
  /** Seeds every PGD probe and the noise draws (the same for each window: a record is reproducible). */
  readonly seed: number;
  /**
   * Runs the monitor's work, one probe per task, and is its clock (`now()`, ms). Default
   * `asyncScheduler`: a macrotask per probe, so socket reads and predictions run between probes
   * (`asapScheduler` is a microtask queue and would starve I/O until a record is done).
   */
  readonly scheduler?: SchedulerLike;
}

/** @throws ConfigError for any invalid option. */
export function checkMonitorOptions(o: MonitorOptions): void {
  checkCount('monitor: every', o.every, 1);
  checkNonNegative('monitor: budgetMs', o.budgetMs);
  checkCount('monitor: steps', o.steps, 1);
  checkCount('monitor: draws', o.draws, 1);
  checkDomain(o.domain);
  checkNonNegative('monitor: tolerance', o.tolerance, true);
  checkNonNegative('monitor: epsMax', o.epsMax, true);
  if (o.domain.kind === 'binary' && !Number.isInteger(o.epsMax)) {
    throw new ConfigError(`monitor: on the binary domain epsMax counts flipped cells, an integer ≥ 1; got ${o.epsMax}`);
  }
}

/**
 * The PGD run of one probe at ε: `steps` steps of length 2.5·ε/steps (Madry et al.'s rule;
 * binary: ⌈ε/steps⌉ cells per step), a seeded random start, one restart. Exported so a record
 * can be checked by re-running the same attack.
 */
export function probeOptions(eps: number, o: MonitorOptions): PgdOptions {
  const stepSize = o.domain.kind === 'binary' ? Math.max(1, Math.ceil(eps / o.steps)) : (2.5 * eps) / o.steps;
  return {
    eps, norm: o.norm, steps: o.steps, stepSize, randomStart: true, restarts: 1,
    domain: o.domain, gradient: o.gradient, seed: o.seed,
  };
}
