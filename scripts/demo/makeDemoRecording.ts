/**
 * `npx tsx scripts/demo/makeDemoRecording.ts [OUT_DIR]` (default fixtures/demo): the recording the
 * demo (`npm start`) serves as a live camera: saccade digits of the test split (never used to
 * train or select the shipped models) one after another, digit i in [i·315 ms, (i+1)·315 ms),
 * written as AEDAT 4.0 (LZ4) with the truth beside it (`saccade-digits-demo.labels.json`,
 * `[{ startUs, endUs, label }]`). Deterministic: the same files every run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAedat4 } from '../../src/aedat/aedat4/Aedat4Writer.js';
import { SACCADE_DEFAULTS, saccadeDigits } from '../../src/datasets/index.js';
import type { EventBatch } from '../../src/events/index.js';

const out = process.argv[2] ?? join('fixtures', 'demo');
const DIGITS = 16;
const slotUs = 3 * SACCADE_DEFAULTS.saccadeUs;
const set = await saccadeDigits({ split: 'test', limit: 200, cache: false });
// every digit at least once, in the split's (shuffled) order, then the next ones
const picked: number[] = [];
for (let d = 0; d < 10; d++) picked.push([...Array(set.size).keys()].find((i) => set.labelOf(i) === d)!);
for (let i = 0; picked.length < DIGITS; i++) if (!picked.includes(i)) picked.push(i);
picked.sort((a, b) => a - b);
const batches: EventBatch[] = [];
const labels = picked.map((sample, slot) => {
  const e = set.events(sample);
  batches.push({ ...e, t: e.t.map((t) => t + slot * slotUs) });
  return { startUs: slot * slotUs, endUs: (slot + 1) * slotUs, label: set.labelOf(sample), testSample: sample };
});
const file = writeAedat4(batches, { width: SACCADE_DEFAULTS.side, height: SACCADE_DEFAULTS.side, compression: 'lz4', source: 'spikeguard saccade-digits demo' });
writeFileSync(join(out, 'saccade-digits-demo.aedat4'), file);
writeFileSync(join(out, 'saccade-digits-demo.labels.json'), `${JSON.stringify(labels, null, 1)}\n`);
console.log(`wrote ${DIGITS} digits (${labels.map((l) => l.label).join(' ')}), ${batches.reduce((s, b) => s + b.t.length, 0)} events, ${file.length} bytes to ${out}`);
