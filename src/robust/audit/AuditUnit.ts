import { createHash } from 'node:crypto';
import { effortEps, type AuditAttack, type AuditSettings } from './AuditSettings.js';

/**
 * One unit of audit work on one batch of samples (the granularity of resuming and of worker
 * scheduling): the clean pass with gradient sparsity, the random baseline at an ε, an attack
 * (as an ensemble over the gradient settings) at an ε, or the effort check (PGD at half its steps).
 */
export type AuditUnit =
  | { readonly kind: 'clean'; readonly batch: number }
  | { readonly kind: 'random'; readonly eps: number; readonly batch: number }
  | { readonly kind: 'attack'; readonly attack: AuditAttack; readonly eps: number; readonly batch: number }
  | { readonly kind: 'effort'; readonly eps: number; readonly batch: number };

/** A unit's stable name, e.g. `attack:pgd:0.1:3` (the key of its result in the state file). */
export function unitKey(u: AuditUnit): string {
  switch (u.kind) {
    case 'clean': return `clean:${u.batch}`;
    case 'random': return `random:${u.eps}:${u.batch}`;
    case 'attack': return `attack:${u.attack}:${u.eps}:${u.batch}`;
    case 'effort': return `effort:${u.eps}:${u.batch}`;
  }
}

/**
 * The seed of one unit, from the audit seed and the unit's key: a unit's result depends only on
 * its own batch, never on which worker ran it or in which order.
 */
export function unitSeed(auditSeed: number, u: AuditUnit): number {
  return createHash('sha256').update(`${auditSeed}|${unitKey(u)}`).digest().readUInt32LE(0) & 0x7fffffff;
}

/** Every unit of an audit over `batches` batches, batch-major (early batches finish first). */
export function planUnits(s: AuditSettings, batches: number): AuditUnit[] {
  const units: AuditUnit[] = [];
  const effort = s.attacks.includes('pgd') && s.steps >= 2;
  for (let batch = 0; batch < batches; batch++) {
    units.push({ kind: 'clean', batch });
    for (const eps of s.eps) {
      units.push({ kind: 'random', eps, batch });
      for (const attack of s.attacks) units.push({ kind: 'attack', attack, eps, batch });
      if (effort && eps === effortEps(s)) units.push({ kind: 'effort', eps, batch });
    }
  }
  return units;
}
