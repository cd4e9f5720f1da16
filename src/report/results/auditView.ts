import { ReportError } from '../ReportError.js';

/** One attack's accuracy at one ε in an audit JSON. */
export interface AttackAccuracy {
  readonly attack: string;
  readonly accuracy: number;
}

/** One obfuscation check's outcome. */
export interface CheckOutcome {
  readonly check: string;
  readonly status: string;
  readonly detail: string;
}

/** The parts of a `spikeguard-audit` JSON report (schema v1) the results table reads. */
export interface AuditView {
  readonly checkpoint: string;
  readonly samples: number;
  readonly clean: number;
  readonly steps: number;
  readonly gradients: string;
  readonly sweep: readonly { readonly eps: number; readonly random: number; readonly attacks: readonly AttackAccuracy[]; readonly checks: readonly CheckOutcome[] }[];
  readonly sparsity: readonly { readonly gradient: string; readonly zeroFraction: number; readonly l1OverL2: number }[];
}

type Json = Record<string, unknown>;

function field(o: unknown, key: string, where: string): unknown {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new ReportError(`${where}: expected an object`);
  if (!(key in o)) throw new ReportError(`${where}: "${key}" is missing`);
  return (o as Json)[key];
}

function num(o: unknown, key: string, where: string): number {
  const v = field(o, key, where);
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ReportError(`${where}.${key}: expected a number`);
  return v;
}

function str(o: unknown, key: string, where: string): string {
  const v = field(o, key, where);
  if (typeof v !== 'string') throw new ReportError(`${where}.${key}: expected a string`);
  return v;
}

function list(o: unknown, key: string, where: string): unknown[] {
  const v = field(o, key, where);
  if (!Array.isArray(v)) throw new ReportError(`${where}.${key}: expected a list`);
  return v;
}

/**
 * Reads what the results table needs from an audit report's JSON text (`spikeguard audit --out`).
 * @throws ReportError naming the file and the field for anything else (wrong schema or version,
 *   missing or mistyped fields, invalid JSON).
 */
export function readAuditView(text: string, file: string): AuditView {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (err) {
    throw new ReportError(`${file}: not JSON (${(err as Error).message})`);
  }
  if (field(o, 'schema', file) !== 'spikeguard-audit' || field(o, 'version', file) !== 1) {
    throw new ReportError(`${file}: not a spikeguard-audit v1 report`);
  }
  const settings = field(o, 'settings', file);
  return {
    checkpoint: str(field(o, 'model', file), 'checkpoint', `${file} model`),
    samples: num(field(o, 'data', file), 'samples', `${file} data`),
    clean: num(field(o, 'clean', file), 'accuracy', `${file} clean`),
    steps: num(settings, 'steps', `${file} settings`),
    gradients: str(settings, 'gradients', `${file} settings`),
    sweep: list(o, 'sweep', file).map((p, i) => {
      const where = `${file} sweep[${i}]`;
      return {
        eps: num(p, 'eps', where),
        random: num(p, 'random', where),
        attacks: list(p, 'attacks', where).map((a, j) => ({ attack: str(a, 'attack', `${where}.attacks[${j}]`), accuracy: num(a, 'accuracy', `${where}.attacks[${j}]`) })),
        checks: list(p, 'checks', where).map((c, j) => ({
          check: str(c, 'check', `${where}.checks[${j}]`), status: str(c, 'status', `${where}.checks[${j}]`), detail: str(c, 'detail', `${where}.checks[${j}]`),
        })),
      };
    }),
    sparsity: list(o, 'sparsity', file).map((s, i) => ({
      gradient: str(s, 'gradient', `${file} sparsity[${i}]`),
      zeroFraction: num(s, 'meanZeroFraction', `${file} sparsity[${i}]`),
      l1OverL2: num(s, 'meanL1OverL2', `${file} sparsity[${i}]`),
    })),
  };
}
