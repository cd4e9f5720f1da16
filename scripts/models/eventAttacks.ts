/**
 * Event-budget attacks on a shipped saccade-digits model (fixtures/models/README.md): for each
 * budget (events injected or deleted per recording), the gradient-guided event attack (the model's
 * own surrogate) and the random one, on the first `samples` test recordings, binned exactly as the
 * model's frames. Writes `<dir>/<method>.events.json` (plain JSON; NaN as null), read by
 * `npm run results`.
 *   npx tsx scripts/models/eventAttacks.ts DIR METHOD [samples=128] [budgets=10,30,100]
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { saccadeDigits } from '../../src/datasets/index.js';
import { seededRng } from '../../src/events/seededRng.js';
import { gradientEventAttack, randomEventAttack, summarizeEventAttacks, type EventAttackResult, type EventAttackSummary } from '../../src/robust/index.js';
import { loadCheckpoint, selectBackend } from '../../src/snn/index.js';
import { writeFileAtomic } from '../../src/writeFileAtomic.js';

const [dir = 'fixtures/models', method = 'vanilla', samplesArg = '128', budgetsArg = '10,30,100'] = process.argv.slice(2);
const samples = Number(samplesArg);
const budgets = budgetsArg.split(',').map(Number);
await selectBackend({ backend: 'wasm', log: () => {} });
const checkpoint = join(dir, `${method}.sgck`);
const { model } = await loadCheckpoint(checkpoint);
const set = await saccadeDigits({ split: 'test', T: 8, limit: samples });
const binning = set.binning;
const plain = (s: EventAttackSummary) => ({
  cleanCorrect: s.cleanCorrect, fooled: s.fooled,
  successRate: Number.isNaN(s.successRate) ? null : s.successRate,
  meanL0Fooled: Number.isNaN(s.meanL0Fooled) ? null : s.meanL0Fooled,
});
const rows = budgets.map((budget) => {
  const gradient: EventAttackResult[] = [];
  const random: EventAttackResult[] = [];
  for (let i = 0; i < set.size; i++) {
    const events = set.events(i);
    const common = { label: set.labelOf(i), budget, binning, forward: {} };
    gradient.push(gradientEventAttack(model, events, { ...common, rng: seededRng(1000 + i) }));
    random.push(randomEventAttack(model, events, { ...common, rng: seededRng(2000 + i) }));
  }
  const row = { budget, gradient: plain(summarizeEventAttacks(gradient)), random: plain(summarizeEventAttacks(random)) };
  process.stdout.write(`${method} budget ${budget}: gradient ${row.gradient.fooled}/${row.gradient.cleanCorrect}, random ${row.random.fooled}/${row.random.cleanCorrect}\n`);
  return row;
});
model.dispose();
const report = {
  schema: 'spikeguard-event-attacks', version: 1,
  model: { checkpoint: `${method}.sgck`, sha256: createHash('sha256').update(readFileSync(checkpoint)).digest('hex') },
  data: { kind: 'saccade-digits', split: 'test', samples: set.size, T: binning.n, values: binning.values, seed: set.seed },
  attacks: { gradient: 'gradientEventAttack, the model\'s own surrogate, 16 candidates per round', random: 'randomEventAttack, half deletions' },
  budgets: rows,
};
await writeFileAtomic(join(dir, `${method}.events.json`), `${JSON.stringify(report, null, 1)}\n`);
