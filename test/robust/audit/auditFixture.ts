import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { subset, type SampleSet } from '../../../src/snn/index.js';
import { AUDIT_DEFAULTS, type AuditSettings } from '../../../src/robust/index.js';
import { BARS } from '../robustHelpers.js';

/** 20 held-out moving bars (128..147) of the small test model's size. */
export const HELD_OUT: SampleSet = subset(BARS, Array.from({ length: 20 }, (_, i) => 128 + i));

/** A quick audit: three attacks, two ε, two gradient settings, batches of 8 (3 batches, the last short). */
export const QUICK: AuditSettings = {
  ...AUDIT_DEFAULTS,
  attacks: ['fgsm', 'pgd', 'square'], eps: [0.05, 0.3], gradients: 'triangle:1,rate', domain: { kind: 'unit' },
  steps: 4, squareQueries: 10, noise: 'uniform', draws: 2, batchSize: 8, seed: 3,
};

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'sg-audit-'));
}
