import type { SampleSet } from '../../../snn/index.js';

/** Samples to audit, what they are (written into the report) and the files they came from. */
export interface AuditData {
  readonly samples: SampleSet;
  /** Plain data describing the source (kind, path, options, class names, dropped-event counts). */
  readonly source: Readonly<Record<string, unknown>>;
  /** Every input file read (outputs must never overwrite one). */
  readonly inputs: readonly string[];
}
