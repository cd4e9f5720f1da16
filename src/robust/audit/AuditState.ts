import { appendFile, readFile } from 'node:fs/promises';
import { ConfigError } from '../../errors.js';
import { writeFileAtomic } from '../../writeFileAtomic.js';
import type { UnitResult } from './runUnit.js';

const SCHEMA = 'spikeguard-audit-state';
const VERSION = 1;

/** How an audit treats a state file left by an earlier run. */
export type ResumeMode = 'auto' | 'require' | 'never';

/**
 * The finished units of one audit, keyed by its settings+model+data hash, kept beside the report
 * as JSON lines: a header `{schema, version, key}` then one `{unit, result}` line per finished
 * unit, appended as soon as the unit ends (so saving costs one line, not the whole state). A line
 * cut by a crash is detected on reading and that unit (and any after it) is run again; on
 * opening, the file is rewritten atomically (temporary file + rename) without such a tail.
 */
export class AuditState {
  /** Appends run one after another, in the order units finished. */
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
    const units = found ?? new Map<string, UnitResult>();
    await writeFileAtomic(path, [header(key), ...[...units].map(([unit, result]) => line(unit, result))].join(''));
    return new AuditState(path, key, units, found !== undefined);
  }

  /** Records a finished unit and appends it to the file (appends are serialised). */
  add(unit: string, result: UnitResult): Promise<void> {
    this.units.set(unit, result);
    const text = line(unit, result);
    this.saving = this.saving.then(() => appendFile(this.path, text));
    return this.saving;
  }
}

const header = (key: string): string => `${JSON.stringify({ schema: SCHEMA, version: VERSION, key })}\n`;
const line = (unit: string, result: UnitResult): string => `${JSON.stringify({ unit, result })}\n`;

async function readUnits(path: string, key: string): Promise<Map<string, UnitResult> | undefined> {
  let lines: string[];
  try {
    lines = (await readFile(path, 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  const head = parse(lines[0] ?? '') as { schema?: unknown; version?: unknown; key?: unknown } | undefined;
  if (head?.schema !== SCHEMA || head.version !== VERSION || head.key !== key) return undefined;
  const units = new Map<string, UnitResult>();
  for (const text of lines.slice(1)) {
    const entry = parse(text) as { unit?: unknown; result?: { fooled?: unknown } } | undefined;
    // A cut line (crash mid-append) ends what can be trusted; its unit runs again.
    if (typeof entry?.unit !== 'string' || typeof entry.result?.fooled !== 'string') break;
    units.set(entry.unit, entry.result as UnitResult);
  }
  return units;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
