import type { CheckOutcome } from '../obfuscationChecks.js';
import type { AuditAttack, AuditSettings } from './AuditSettings.js';
import type { ExampleFrames } from './unitEncoding.js';

/** Schema name and version of the JSON audit report. */
export const AUDIT_SCHEMA = 'spikeguard-audit';
export const AUDIT_SCHEMA_VERSION = 1;

/** One attack at one ε (accuracies are fractions in [0, 1]). */
export interface AttackPoint {
  readonly attack: AuditAttack;
  /** Fraction of samples the attack (ensemble: every member) did not fool; clean errors count as fooled. */
  readonly accuracy: number;
  /** Among clean-correct samples, the fraction fooled. */
  readonly successRate: number;
  /** Random-noise accuracy minus this accuracy at the same ε. */
  readonly gap: number;
  /** Wall time per sample, ms (the only field that varies between identical runs). */
  readonly msPerSample: number;
  /** Mean batched forward passes per batch (Square only). */
  readonly queries?: number;
  /** Per gradient setting of the ensemble: its own accuracy and success rate (none for Square). */
  readonly members: readonly { readonly label: string; readonly accuracy: number; readonly successRate: number }[];
}

/** Everything measured at one ε. */
export interface SweepPoint {
  readonly eps: number;
  /** Worst-of-k random noise accuracy. */
  readonly random: number;
  readonly attacks: readonly AttackPoint[];
  /** Obfuscation checks on this ε's numbers (the effort check at the middle ε, large ε at the last). */
  readonly checks: readonly CheckOutcome[];
}

/** Input-gradient sparsity of ∇x p_y under one gradient setting, over the clean samples. */
export interface SparsityEntry {
  readonly gradient: string;
  readonly meanZeroFraction: number;
  readonly meanL1OverL2: number;
  /** Histogram of the per-sample zero fraction over [0, 1] in `counts.length` equal bins. */
  readonly zeroFractionHistogram: readonly number[];
}

/** The JSON audit report (plain data: finite numbers, strings, arrays, objects). */
export interface AuditReport {
  readonly schema: typeof AUDIT_SCHEMA;
  readonly version: typeof AUDIT_SCHEMA_VERSION;
  /** Hash of settings + model + data (the resume key). */
  readonly key: string;
  readonly model: { readonly name: string; readonly input: readonly number[]; readonly classes: number; readonly sha256: string } & Readonly<Record<string, unknown>>;
  readonly data: {
    readonly samples: number; readonly shape: readonly number[]; readonly sha256: string; readonly source: Readonly<Record<string, unknown>>;
    /** Clean input cells the domain's projection changes before any attack (`changed` of `cells`). */
    readonly clamp: { readonly changed: number; readonly cells: number };
  };
  readonly settings: AuditSettings;
  readonly clean: { readonly accuracy: number };
  readonly sweep: readonly SweepPoint[];
  readonly sparsity: readonly SparsityEntry[];
  readonly examples: readonly ({ readonly attack: AuditAttack; readonly eps: number } & ExampleFrames)[];
  /** Per-sample outcomes: labels, and `0`/`1` strings (1 = wrong / fooled), e.g. `pgd@0.1`, `pgd@0.1/atan:2`, `random@0.1`. */
  readonly samples: { readonly labels: readonly number[]; readonly cleanWrong: string; readonly outcomes: Readonly<Record<string, string>> };
}
