/**
 * `npx tsx test/bench/auditThroughput.ts [samples] [workers]`: throughput of a PGD-10 audit
 * (one gradient setting, atan γ=2, one ε) of csnn-nmnist (untrained, seeded) on `samples` (default
 * 64) moving bars 34×34, T = 8, batches of 16, on the tfjs `wasm` backend with `workers` worker
 * threads (default 1): wall time of the whole audit (clean pass + gradient sparsity + random
 * baseline + PGD) and of the PGD units alone, as samples/s. Numbers only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { movingBars } from '../../src/datasets/movingBars.js';
import { AUDIT_DEFAULTS, runAudit, summarizeAudit, type AuditSettings } from '../../src/robust/index.js';
import { buildModel, saveCheckpoint, selectBackend, zoo } from '../../src/snn/index.js';

const N = Number(process.argv[2] ?? 64);
const WORKERS = Number(process.argv[3] ?? 1);
await selectBackend({ backend: 'wasm', log: () => {} });
const model = buildModel(zoo('csnn-nmnist', 4), { seed: 0 });
const dir = mkdtempSync(join(tmpdir(), 'sg-audit-bench-'));
const checkpoint = join(dir, 'csnn.sgck');
await saveCheckpoint(checkpoint, model);
const data = movingBars({ samples: N, T: 8, size: 34, seed: 1 });
const settings: AuditSettings = {
  ...AUDIT_DEFAULTS, attacks: ['pgd'], eps: [0.1], gradients: 'atan:2', domain: { kind: 'unit' }, steps: 10, noise: 'uniform', draws: 1, batchSize: 16,
};
const t0 = performance.now();
const run = await runAudit({ model, data, settings, statePath: join(dir, 'state.json'), resume: 'never', workers: WORKERS, checkpoint, backend: 'wasm' });
const seconds = (performance.now() - t0) / 1000;
const report = summarizeAudit(run, { model: { name: 'csnn-nmnist', input: [34, 34, 2], classes: 4 }, data: { shape: data.shape, source: {} } });
const pgdMsPerSample = report.sweep[0]!.attacks[0]!.msPerSample;
console.log(`audit of csnn-nmnist (wasm, ${WORKERS} worker(s)), ${N} samples 34×34×T8, PGD-10 atan:2 at one ε, batches of 16`);
console.log(`whole audit: ${seconds.toFixed(1)} s = ${(N / seconds).toFixed(2)} samples/s`);
console.log(`PGD-10 units: ${pgdMsPerSample.toFixed(0)} ms/sample of unit time summed over workers = ${(1000 / pgdMsPerSample).toFixed(2)} samples/s per worker`);
model.dispose();
rmSync(dir, { recursive: true, force: true });
