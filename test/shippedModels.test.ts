import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { saccadeDigits } from '../src/datasets/index.js';
import { readAuditView } from '../src/report/results/auditView.js';
import { resultsMarkdown } from '../src/report/results/resultsTable.js';
import { evaluate, loadCheckpoint, selectBackend } from '../src/snn/index.js';
import { shippedAudits, withResults } from '../scripts/resultsTable.js';
import { REPO_ROOT } from './helpers/samples.js';

const MODELS = join(REPO_ROOT, 'fixtures', 'models');
const METHODS = ['vanilla', 'at', 'sr', 'sr+at'] as const;

describe('the shipped saccade-digits models (fixtures/models)', () => {
  it.each(METHODS)('%s: its checkpoint and audits are there, and its clean accuracy on the audited test samples is the audit\'s within a point', async (method) => {
    const checkpoint = join(MODELS, `${method}.sgck`);
    expect(existsSync(checkpoint)).toBe(true);
    const audit = readAuditView(readFileSync(join(MODELS, `${method}.audit.json`), 'utf8'), `${method}.audit.json`);
    expect(audit.checkpoint).toBe(`${method}.sgck`);
    await selectBackend({ backend: 'wasm', log: () => {} });
    const before = tf.memory().numTensors;
    const { model } = await loadCheckpoint(checkpoint);
    const test = await saccadeDigits({ split: 'test', T: 8, limit: audit.samples });
    const { accuracy } = await evaluate(model, test, 64);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(Math.abs(accuracy - audit.clean)).toBeLessThanOrEqual(0.01);
  }, 120_000);

  it('the README results are exactly what npm run results makes of the audits', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const audits = shippedAudits();
    expect(audits.map((a) => a.method)).toEqual([...METHODS]);
    expect(withResults(readme, resultsMarkdown(audits))).toBe(readme);
  });
});
