import { readFile } from 'node:fs/promises';
import { ConfigError } from '../../errors.js';
import { writeFileAtomic } from './atomicWrite.js';
import type { UnitResult } from './runUnit.js';

const SCHEMA = 'spikeguard-audit-state';
const VERSION = 1;

/** How an audit treats a state file left by an earlier run. */
export type ResumeMode = 'auto' | 'require' | 'never';

/**
 * The finished units of one audit, keyed by its settings+model+data hash, saved after every
 * unit (temporary file + rename) beside the report.
 */
export class AuditState {
  /** Saves run one after another, so a slower earlier save never replaces a later one. */
  private saving: Promise<void> = Promise.resolve();

  private constructor(private readonly path: string, readonly key: string, readonly units: Map<string, UnitResult>, readonly resumed: boolean) {}

  /**
   * Opens the state at `path` for the audit `key`: its units when the file holds the same key
   * (`auto`, `require`), else an empty state (`auto` replaces a file of another audit or a damaged one).
   * @throws ConfigError with `require` when there is no state of this audit to resume.
   */
  static async open(path: string, key: string, mode: ResumeMode): Promise<AuditState> {
    const found = mode === 'never' ? undefined : await readUnits(path, key);
    if (found === undefined && mode === 'require') throw new ConfigError(`--resume: ${path} holds no state of this audit (same model, data and settings)`);
    return new AuditState(path, key, found ?? new Map(), found !== undefined);
  }

  /** Records a finished unit and saves the whole state atomically (saves are serialised). */
  add(unit: string, result: UnitResult): Promise<void> {
    this.units.set(unit, result);
    const text = JSON.stringify({ schema: SCHEMA, version: VERSION, key: this.key, units: Object.fromEntries(this.units) });
    this.saving = this.saving.then(() => writeFileAtomic(this.path, text));
    return this.saving;
  }
}

async function readUnits(path: string, key: string): Promise<Map<string, UnitResult> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const s = JSON.parse(text) as { schema?: unknown; version?: unknown; key?: unknown; units?: unknown };
    if (s.schema !== SCHEMA || s.version !== VERSION || s.key !== key || typeof s.units !== 'object' || s.units === null) return undefined;
    return new Map(Object.entries(s.units as Record<string, UnitResult>));
  } catch {
    return undefined; // a damaged state is not resumable; the audit starts over
  }
}
