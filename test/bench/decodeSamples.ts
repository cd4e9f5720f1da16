import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDecoder } from '../../src/aedat/openDecoder.js';
import { measureDecode, repeatFor, type DecodeBenchResult } from '../../src/cli/measureDecode.js';
import { FIXTURES, SHARED_SAMPLES } from '../helpers/samples.js';

/** One row of the decode benchmark. */
export interface DecodeRow extends DecodeBenchResult {
  readonly file: string;
  readonly repeat: number;
}

/** Decode throughput of one in-memory file: >= 10 M events per run, median of 5 runs. */
export function benchBytes(file: string, bytes: Uint8Array): DecodeRow {
  const make = () => openDecoder({ fileName: file });
  const probe = measureDecode(make, bytes, { repeat: 1, runs: 1, warmup: 1 });
  const repeat = repeatFor(probe.events);
  return { file, repeat, ...measureDecode(make, bytes, { repeat, runs: 5, warmup: 2 }) };
}

/** Every sample recording with events (shared samples, else the fixtures). */
export function sampleFiles(): { name: string; bytes: Uint8Array }[] {
  const dir = existsSync(SHARED_SAMPLES) ? SHARED_SAMPLES : FIXTURES;
  return readdirSync(dir)
    .filter((n) => !n.endsWith('.md') && !n.includes('header_only') && !n.startsWith('es_generic'))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
}
