import { createHash } from 'node:crypto';
import type { SnnModel } from '../../snn/index.js';
import type { AuditSettings } from './AuditSettings.js';

/**
 * SHA-256 of a model's spec and every parameter's values (so two checkpoints of the same weights
 * agree). Ownership: reads the variables; creates no lasting tensor.
 */
export function modelSha256(model: SnnModel): string {
  const h = createHash('sha256').update(JSON.stringify(model.spec));
  for (const p of model.params) {
    const v = p.variable.dataSync() as Float32Array;
    h.update(p.name).update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  }
  return h.digest('hex');
}

/** Plain data with object keys sorted (equal settings hash equally whatever their key order). */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, canonical(o[k])]));
}

/** The resume key of an audit: a hash of its settings, model and data. */
export function auditKey(settings: AuditSettings, modelHash: string, dataHash: string): string {
  return createHash('sha256').update(JSON.stringify(canonical({ settings, modelHash, dataHash }))).digest('hex');
}
