import type { SensorSize } from '../../events/EventBatch.js';
import { ColumnBuilder } from '../core/ColumnBuilder.js';
import type { Trigger } from '../core/types.js';
import { addCount } from '../../addCount.js';

/**
 * An external-trigger edge from an EVT 2.0 / EVT 3.0 / DAT stream. `type` is the trigger channel
 * id; `value` is the edge (1 rising, 0 falling; DAT stores 4 bits, passed through as stored).
 * `streamId` is always 0 (these files have one stream).
 */
export interface PropheseeTrigger extends Trigger {
  readonly value: number;
}

/**
 * The body of a Prophesee file after its header: fixed-size units (words or records) decoded
 * with registers that persist across calls, so any chunking gives the same result.
 */
export interface BodyDecoder {
  /** Bytes per unit: 4 (EVT 2.0 word), 2 (EVT 3.0 word) or the DAT record size. */
  readonly unitBytes: number;
  /** Sensor size used for bounds checks and carried by the batches. */
  readonly sensor: SensorSize;
  /**
   * Decodes whole units (`bytes.length` is a multiple of `unitBytes`), appending events to `out`
   * and triggers to `triggers`, and adding non-event units to `skipped`.
   */
  decode(bytes: Uint8Array, out: ColumnBuilder, triggers: Trigger[], skipped: Record<string, number>): void;
}

/** Adds per-word-type counts kept in a typed array to `skipped` under names given by `kindOf`. */
export function flushCounts(
  counts: Float64Array,
  kindOf: (code: number) => string | null,
  skipped: Record<string, number>,
): void {
  for (let code = 0; code < counts.length; code++) {
    const n = counts[code]!;
    if (n === 0) continue;
    const kind = kindOf(code);
    if (kind !== null) addCount(skipped, kind, n);
    counts[code] = 0;
  }
}

/**
 * Runs a hot loop once on an empty range, from a body's constructor. V8 compiles a long first
 * loop with on-stack replacement before the code after the loop has type feedback; that code
 * then deopts on every later call (measured: thousands of deopts, EVT 2.0 loop 250 → 160 M
 * events/s). An empty run records the feedback first.
 */
export function primeHotLoop(run: (out: ColumnBuilder, triggers: Trigger[]) => unknown): void {
  run(PRIME_OUT, []);
}

/** Shared by every priming run: an empty range writes nothing into it. */
const PRIME_OUT = new ColumnBuilder();
