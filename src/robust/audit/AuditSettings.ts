import { ConfigError } from '../../errors.js';
import { checkDomain, type InputDomain } from '../InputDomain.js';
import { parseGradientSettings } from '../GradientSetting.js';
import type { NoiseKind } from '../randomNoise.js';
import { checkCount, checkNonNegative } from '../perturbation.js';

/** Attacks an audit can run; every gradient attack runs as an ensemble over the gradient settings. */
export const AUDIT_ATTACKS = ['fgsm', 'pgd', 'apgd', 'square'] as const;
export type AuditAttack = (typeof AUDIT_ATTACKS)[number];

/**
 * Everything that decides an audit's numbers (plain data: it is hashed into the resume key and
 * written into the report).
 */
export interface AuditSettings {
  readonly attacks: readonly AuditAttack[];
  /** The ε sweep in the domain's units (binary: cells flipped per sample), ascending. */
  readonly eps: readonly number[];
  /** Gradient settings of the ensemble, as `parseGradientSettings` takes them (e.g. `paper`). */
  readonly gradients: string;
  readonly domain: InputDomain;
  /** PGD/APGD steps per restart and restarts. */
  readonly steps: number;
  readonly restarts: number;
  /** PGD step size as a fraction of ε (binary: cells per step = max(1, round(ε·fraction))). */
  readonly stepFraction: number;
  /** Square's query budget per sample. */
  readonly squareQueries: number;
  /** Random baseline at each ε: kind and worst-of-k draws. */
  readonly noise: NoiseKind;
  readonly draws: number;
  /** Samples per unit of work (the resume and worker granularity). */
  readonly batchSize: number;
  readonly seed: number;
}

const NOISE_KINDS: readonly NoiseKind[] = ['uniform', 'gaussian', 'sign', 'flips'];

/** Defaults of every field but the attacks and ε. */
export const AUDIT_DEFAULTS = {
  gradients: 'paper', steps: 10, restarts: 1, stepFraction: 0.25, squareQueries: 100, draws: 5, batchSize: 32, seed: 0,
} as const;

/**
 * Checks an audit's settings before any work.
 * @throws ConfigError for no attack, an unknown attack, an empty, negative, non-finite, unsorted or
 *   (binary) non-integer ε, invalid counts, a noise kind that does not fit the domain or an invalid
 *   gradient list.
 */
export function checkAuditSettings(s: AuditSettings): void {
  if (s.attacks.length === 0) throw new ConfigError('audit: no attack given');
  for (const a of s.attacks) {
    if (!(AUDIT_ATTACKS as readonly string[]).includes(a)) throw new ConfigError(`audit: unknown attack "${a}" (known: ${AUDIT_ATTACKS.join(', ')})`);
  }
  if (new Set(s.attacks).size !== s.attacks.length) throw new ConfigError('audit: an attack is listed twice');
  if (s.eps.length === 0) throw new ConfigError('audit: no ε given');
  s.eps.forEach((e, i) => {
    checkNonNegative('audit: ε', e);
    if (i > 0 && !(e > s.eps[i - 1]!)) throw new ConfigError(`audit: ε values must be strictly ascending, got ${s.eps.join(', ')}`);
    if (s.domain.kind === 'binary' && !Number.isInteger(e)) throw new ConfigError(`audit: ε = ${e} on the binary domain must be a whole number of cells`);
  });
  checkDomain(s.domain);
  parseGradientSettings(s.gradients);
  checkCount('audit: steps', s.steps, 1);
  checkCount('audit: restarts', s.restarts, 1);
  checkCount('audit: square queries', s.squareQueries, 1);
  checkCount('audit: draws', s.draws, 1);
  checkCount('audit: batch size', s.batchSize, 1);
  checkCount('audit: seed', s.seed, 0);
  checkNonNegative('audit: step fraction', s.stepFraction, true);
  if (!NOISE_KINDS.includes(s.noise)) throw new ConfigError(`audit: unknown noise "${s.noise}" (known: ${NOISE_KINDS.join(', ')})`);
  if ((s.noise === 'flips') !== (s.domain.kind === 'binary')) {
    throw new ConfigError(`audit: noise "${s.noise}" does not fit the ${s.domain.kind} domain (flips is the binary domain's only kind)`);
  }
  for (const a of ['square', 'apgd'] as const) {
    if (s.domain.kind === 'binary' && s.attacks.includes(a)) throw new ConfigError(`audit: ${a} runs on continuous domains only (not binary)`);
  }
}

/** PGD/APGD step at ε: `ε·stepFraction`, or for binary a whole number of cells ≥ 1. */
export function stepSizeAt(s: AuditSettings, eps: number): number {
  if (s.domain.kind === 'binary') return Math.max(1, Math.round(eps * s.stepFraction));
  // At ε = 0 every step is projected back onto x; PGD still needs a positive step length.
  return eps === 0 ? s.stepFraction : eps * s.stepFraction;
}

/** The ε at which the effort check runs (PGD at half its steps): the middle of the sweep. */
export function effortEps(s: AuditSettings): number {
  return s.eps[Math.floor(s.eps.length / 2)]!;
}
