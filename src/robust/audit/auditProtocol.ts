import type { AuditSettings } from './AuditSettings.js';
import type { AuditUnit } from './AuditUnit.js';
import type { UnitResult } from './runUnit.js';

/** Messages to an audit worker. */
export type ToAuditWorker =
  | { readonly kind: 'init'; readonly checkpoint: string; readonly backend: string }
  | {
    readonly kind: 'unit'; readonly id: number; readonly settings: AuditSettings; readonly unit: AuditUnit;
    readonly data: Float32Array; readonly shape: readonly number[]; readonly labels: Int32Array;
  };

/** Messages from an audit worker; an error names the error class so user errors stay user errors. */
export type FromAuditWorker =
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly id: number; readonly result: UnitResult }
  | { readonly kind: 'error'; readonly id: number; readonly name: string; readonly message: string };
