import { ConfigError } from '../src/errors.js';
import { choiceAt, numberAt, objectAt, type Raw, stringAt } from './configValues.js';

/** The typed config of the `audit` pipeline: a model and a dataset → the audit report. */
export interface AuditJobConfig {
  /** Model checkpoint. */
  readonly model: string;
  /** `saccade-digits` (test split), `moving-bars`, a `.npz`, a `.json` list of recordings or a folder `<class>/<recording>`. */
  readonly data: string;
  /** The first `samples` samples only (all when absent). */
  readonly samples?: number;
  /** JSON report; the HTML page goes beside it unless `html` is given. */
  readonly out: string;
  readonly html?: string;
  readonly attacks: readonly ('fgsm' | 'pgd' | 'apgd' | 'square')[];
  /** ε sweep, ascending, on [0, 1] frames (binary domain: cells). */
  readonly eps: readonly number[];
  /** Gradient ensemble (`paper`, `wide`, or settings such as `triangle:1,atan:2`). */
  readonly gradients: string;
  readonly domain: 'unit' | 'binary';
  readonly steps: number;
  readonly workers: number;
  readonly seed: number;
}

const ATTACKS = ['fgsm', 'pgd', 'apgd', 'square'] as const;

/**
 * Checks a parsed JSON/YAML config of the `audit` pipeline (defaults merged in) and returns it typed.
 * @throws ConfigError naming the first wrong or unknown setting.
 */
export function auditConfigOf(raw: Raw): AuditJobConfig {
  const o = objectAt(raw, 'config', ['model', 'data', 'samples', 'out', 'html', 'attacks', 'eps', 'gradients', 'domain', 'steps', 'workers', 'seed']);
  if (!Array.isArray(o.attacks) || o.attacks.length === 0) throw new ConfigError('attacks: expected a non-empty list of fgsm, pgd, apgd, square');
  if (!Array.isArray(o.eps) || o.eps.length === 0) throw new ConfigError('eps: expected a non-empty list of numbers');
  const eps = o.eps.map((e, i) => numberAt(e, `eps[${i}]`, 0, 1e6));
  if (eps.some((e, i) => i > 0 && e <= eps[i - 1]!)) throw new ConfigError(`eps: expected ascending values, got ${eps.join(', ')}`);
  return {
    model: stringAt(o.model, 'model'),
    data: stringAt(o.data, 'data'),
    ...(o.samples === undefined || o.samples === null ? {} : { samples: numberAt(o.samples, 'samples', 1, 1e7, true) }),
    out: stringAt(o.out, 'out'),
    ...(o.html === undefined || o.html === null ? {} : { html: stringAt(o.html, 'html') }),
    attacks: o.attacks.map((a, i) => choiceAt(a, `attacks[${i}]`, ATTACKS)),
    eps,
    gradients: stringAt(o.gradients, 'gradients'),
    domain: choiceAt(o.domain, 'domain', ['unit', 'binary']),
    steps: numberAt(o.steps, 'steps', 1, 10_000, true),
    workers: numberAt(o.workers, 'workers', 1, 64, true),
    seed: numberAt(o.seed, 'seed', 0, 2 ** 31 - 1, true),
  };
}

/**
 * The `spikeguard audit` arguments that run this config: the pipeline is that command's job
 * (data source → `runAudit` → JSON + HTML report), so both check and run it the same way.
 */
export function auditArguments(c: AuditJobConfig): string[] {
  return [
    'audit', '--model', c.model, '--data', c.data, '--out', c.out, ...(c.html === undefined ? [] : ['--html', c.html]),
    ...(c.samples === undefined ? [] : ['--samples', String(c.samples)]),
    '--attacks', c.attacks.join(','), '--eps', c.eps.join(','), '--gradients', c.gradients, '--domain', c.domain,
    '--steps', String(c.steps), '--workers', String(c.workers), '--seed', String(c.seed),
  ];
}
