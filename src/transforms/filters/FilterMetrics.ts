/**
 * Running counts of one subscription to a filter or augmentation operator, given to its
 * `onMetrics` callback as an immutable snapshot after every input batch (and after the flush at
 * completion). Nothing a filter removes goes uncounted:
 * `eventsOut = eventsIn − removed − outside + added − held`.
 */
export interface FilterMetrics {
  /** The operator's name (`refractory`, `denoise`, `hotPixels`, `dropEvents`, …). */
  readonly filter: string;
  /** Input batches seen. */
  readonly batches: number;
  /** Input events seen. */
  readonly eventsIn: number;
  /** Events delivered downstream. */
  readonly eventsOut: number;
  /** Events removed by the filter's rule. */
  readonly removed: number;
  /** Events removed because they lie outside the filter's sensor. */
  readonly outside: number;
  /** Events added (uniform noise). */
  readonly added: number;
  /** Events moved back onto the sensor (spatial jitter, `outside: 'clip'`). */
  readonly clipped: number;
  /** Events held back, not yet decided (the hot-pixel filter's calibration prefix). */
  readonly held: number;
}

/** Called with a snapshot after each batch; what it throws goes downstream as an error. */
export type OnFilterMetrics = (m: FilterMetrics) => void;
