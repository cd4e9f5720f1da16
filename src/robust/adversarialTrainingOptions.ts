import { ConfigError } from '../errors.js';
import { checkDomain, describeDomain, type InputDomain } from './InputDomain.js';
import { checkSrOptions, type SrOptions } from './srObjective.js';

/** The attack that makes adversarial-training examples (inference mode, the model's own surrogates). */
export type AtAttack =
  | { readonly kind: 'fgsm'; readonly eps: number }
  /** PGD-k under L∞ with a seeded random start, one restart. */
  | { readonly kind: 'pgd'; readonly eps: number; readonly steps: number; readonly stepSize: number };

/** Adversarial-training settings: the attack and the input domain its ε is stated in. */
export interface AtOptions {
  readonly attack: AtAttack;
  readonly domain: InputDomain;
}

/**
 * A training method and its settings: plain data (no `undefined`, no functions), so it crosses
 * worker threads and is stored in checkpoints as is.
 */
export type TrainingMethodOptions =
  | { readonly method: 'vanilla' }
  | { readonly method: 'at'; readonly at: AtOptions }
  | { readonly method: 'sr'; readonly sr: SrOptions }
  | { readonly method: 'sr+at'; readonly sr: SrOptions; readonly at: AtOptions };

export const TRAINING_METHODS = ['vanilla', 'at', 'sr', 'sr+at'] as const;
export type TrainingMethodName = (typeof TRAINING_METHODS)[number];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ConfigError(`${what} must be a finite number, got ${String(v)}`);
  return v;
}

function parseAttack(v: unknown): AtAttack {
  if (!isRecord(v)) throw new ConfigError('adversarial training: attack settings missing');
  const eps = num(v.eps, 'adversarial training: eps');
  if (eps <= 0) throw new ConfigError(`adversarial training: eps must be > 0, got ${eps}`);
  if (v.kind === 'fgsm') return { kind: 'fgsm', eps };
  if (v.kind !== 'pgd') throw new ConfigError(`adversarial training: attack must be fgsm or pgd, got ${String(v.kind)}`);
  const steps = num(v.steps, 'adversarial training: PGD steps');
  const stepSize = num(v.stepSize, 'adversarial training: PGD step size');
  if (!Number.isInteger(steps) || steps < 1) throw new ConfigError(`adversarial training: PGD steps must be an integer ≥ 1, got ${steps}`);
  if (stepSize <= 0) throw new ConfigError(`adversarial training: PGD step size must be > 0, got ${stepSize}`);
  return { kind: 'pgd', eps, steps, stepSize };
}

function parseAt(v: unknown): AtOptions {
  if (!isRecord(v) || !isRecord(v.domain)) throw new ConfigError('adversarial training: settings (attack, domain) missing');
  const d = v.domain;
  if (d.kind !== 'unit' && d.kind !== 'binary' && d.kind !== 'counts') throw new ConfigError(`adversarial training: unknown input domain ${String(d.kind)}`);
  const domain: InputDomain = d.kind === 'counts' ? { kind: 'counts', max: num(d.max, 'input domain counts: max') } : { kind: d.kind };
  checkDomain(domain);
  const attack = parseAttack(v.attack);
  if (domain.kind === 'binary' && !Number.isInteger(attack.eps)) throw new ConfigError(`adversarial training: on a binary domain eps counts flipped cells (an integer), got ${attack.eps}`);
  if (domain.kind === 'binary' && attack.kind === 'pgd' && !Number.isInteger(attack.stepSize)) throw new ConfigError(`adversarial training: on a binary domain the PGD step size counts cells (an integer), got ${attack.stepSize}`);
  return { attack, domain };
}

function parseSr(v: unknown): SrOptions {
  if (!isRecord(v)) throw new ConfigError('SR: settings (lambda, h) missing');
  const sr = { lambda: num(v.lambda, 'SR: lambda'), h: num(v.h, 'SR: h') };
  checkSrOptions(sr);
  return sr;
}

/**
 * Validates training-method settings from any source (CLI, a worker message, a checkpoint) and
 * returns them as a fresh plain object with only the fields the method uses.
 * @throws ConfigError for an unknown method or any invalid setting (λ < 0, h ≤ 0, ε ≤ 0, …).
 * @example parseTrainingMethodOptions({ method: 'sr', sr: { lambda: 0.1, h: 0.01 } })
 */
export function parseTrainingMethodOptions(v: unknown): TrainingMethodOptions {
  if (!isRecord(v)) throw new ConfigError('training method: settings must be an object');
  switch (v.method) {
    case 'vanilla': return { method: 'vanilla' };
    case 'at': return { method: 'at', at: parseAt(v.at) };
    case 'sr': return { method: 'sr', sr: parseSr(v.sr) };
    case 'sr+at': return { method: 'sr+at', sr: parseSr(v.sr), at: parseAt(v.at) };
    default: throw new ConfigError(`training method must be one of ${TRAINING_METHODS.join(', ')}, got ${String(v.method)}`);
  }
}

/** One line for logs, e.g. `sr+at (λ=0.1, h=0.01; pgd ε=0.05 ×3 α=0.02 on unit)`. */
export function describeTrainingMethod(o: TrainingMethodOptions): string {
  const sr = o.method === 'sr' || o.method === 'sr+at' ? `λ=${o.sr.lambda}, h=${o.sr.h}` : '';
  const at = o.method === 'at' || o.method === 'sr+at'
    ? `${o.at.attack.kind} ε=${o.at.attack.eps}${o.at.attack.kind === 'pgd' ? ` ×${o.at.attack.steps} α=${o.at.attack.stepSize}` : ''} on ${describeDomain(o.at.domain)}`
    : '';
  const parts = [sr, at].filter((s) => s !== '');
  return parts.length === 0 ? o.method : `${o.method} (${parts.join('; ')})`;
}
