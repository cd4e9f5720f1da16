import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { openDecoder } from '../../src/aedat/openDecoder.js';
import { repeatFor, type DecodeBenchResult } from '../../src/cli/measureDecode.js';
import { FIXTURES, REPO_ROOT, SHARED_SAMPLES } from '../helpers/samples.js';

/** One row of the decode benchmark. */
export interface DecodeRow extends DecodeBenchResult {
  readonly file: string;
  readonly repeat: number;
}

/**
 * Decode throughput of one file through `spikeguard bench decode` in a fresh process (so one
 * format's garbage and JIT state do not weigh on the next): >= 10 M events a run, median of 5.
 */
export function benchFile(label: string, path: string): DecodeRow {
  const events = decodeAll(openDecoder({ fileName: path }), new Uint8Array(readFileSync(path))).events.t.length;
  const repeat = repeatFor(events);
  const out = execFileSync(process.execPath, [
    '--import', 'tsx', 'src/cli/main.ts', 'bench', 'decode', path, '--repeat', String(repeat), '--runs', '5', '--json',
  ], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { file: label, repeat, ...(JSON.parse(out) as DecodeBenchResult) };
}

/** Every sample recording with events (shared samples, else the fixtures), as paths. */
export function sampleFiles(): { name: string; path: string }[] {
  const dir = existsSync(SHARED_SAMPLES) ? SHARED_SAMPLES : FIXTURES;
  return readdirSync(dir)
    .filter((n) => !n.endsWith('.md') && !n.includes('header_only') && !n.startsWith('es_generic'))
    .sort()
    .map((name) => ({ name, path: join(dir, name) }));
}
