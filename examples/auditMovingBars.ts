// Trains a small spiking MLP on moving bars, audits it (FGSM and PGD vs random noise over an ε sweep), writes the reports.
// Run: npx tsx examples/auditMovingBars.ts
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { movingBars } from '../src/datasets/movingBars.js';
import { writeAuditReport } from '../src/report/index.js';
import { AUDIT_DEFAULTS, runAudit, summarizeAudit } from '../src/robust/index.js';
import { buildModel, selectBackend, trainModel, zoo } from '../src/snn/index.js';

await selectBackend({ log: () => {} });
const model = buildModel(zoo('mlp', 4), { seed: 0 });
await trainModel(model, {
  train: movingBars({ samples: 256, T: 6, size: 34, seed: 1 }), epochs: 2, batchSize: 32, optimizer: { kind: 'adam', lr: 2e-3 }, seed: 0,
});
const data = movingBars({ samples: 64, T: 6, size: 34, seed: 2 }); // held-out bars
const run = await runAudit({
  model, data, statePath: join(tmpdir(), 'bars-audit.state.json'), // an interrupted run resumes from here
  settings: { ...AUDIT_DEFAULTS, attacks: ['fgsm', 'pgd'], eps: [0.05, 0.2], gradients: 'atan:2,rate', domain: { kind: 'unit' }, noise: 'uniform' },
});
const report = summarizeAudit(run, { model: { name: 'mlp', input: [34, 34, 2], classes: 4 }, data: { shape: data.shape, source: { kind: 'moving-bars', seed: 2 } } });
console.log(`clean accuracy ${(100 * report.clean.accuracy).toFixed(1)} %`);
for (const p of report.sweep) {
  console.log(`ε ${p.eps}: random ${(100 * p.random).toFixed(1)} %, ${p.attacks.map((a) => `${a.attack} ${(100 * a.accuracy).toFixed(1)} %`).join(', ')}`);
}
await writeAuditReport(report, { json: join(tmpdir(), 'bars-audit.json'), html: join(tmpdir(), 'bars-audit.html') }, []);
model.dispose();
