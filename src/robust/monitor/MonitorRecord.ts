/**
 * How a record's ε search ended:
 * - `flipped`: PGD flips the prediction at `epsHigh` and not at `epsLow`, within the tolerance;
 * - `robust`: PGD at `epsMax` did not flip it (`epsHigh` is null);
 * - `outOfTime`: the budget ran out first; the flipping ε lies in (`epsLow`, `epsHigh`] as far as
 *   probed (`epsHigh` null: no probe flipped it yet).
 */
export type SearchStatus = 'flipped' | 'robust' | 'outOfTime';

/**
 * One measured window of {@link monitorRobustness}. Plain data: numbers, strings and nulls only
 * (JSON and msgpack safe, no `undefined`). ε values are in the input domain's units.
 */
export interface MonitorRecord {
  /** The window's index in the stream (`SpikeFrame.index`). */
  readonly window: number;
  readonly startUs: number;
  readonly endUs: number;
  /** The model's prediction on the window alone (fresh state): the attack's target. */
  readonly label: number;
  /** `z_label − z_second` of the time-averaged logits of the window alone (≥ 0). */
  readonly margin: number;
  readonly status: SearchStatus;
  /** Largest probed ε at which PGD did not flip the prediction (0: the clean window). */
  readonly epsLow: number;
  /** Smallest probed ε at which PGD flipped it; null when none did. */
  readonly epsHigh: number | null;
  /** PGD runs made. */
  readonly probes: number;
  /** Fraction of `draws` random draws at `epsHigh` that flip the prediction; null without `epsHigh`. */
  readonly randomFlipRate: number | null;
  /** Sampled windows skipped, because a record was in progress, since the previous record was emitted. */
  readonly skipped: number;
  /** Scheduler time from the window's arrival to the record, ms (includes waiting between probes). */
  readonly elapsedMs: number;
}
