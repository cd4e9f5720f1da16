import type { EventDecoder, FormatName } from '../aedat/core/types.js';

/** Result of {@link measureDecode}, as printed by `spikeguard bench decode --json`. */
export interface DecodeBenchResult {
  readonly format: FormatName | null;
  /** Events decoded per measured run (events in the file × repeat). */
  readonly events: number;
  /** Median wall time of one run (repeat full decodes), in seconds. */
  readonly seconds: number;
  readonly mev_per_s: number;
}

function decodeOnce(make: () => EventDecoder, bytes: Uint8Array): { events: number; format: FormatName | null } {
  const d = make();
  const a = d.push(bytes);
  const b = d.end();
  const err = a.error ?? b.error;
  if (err && err.name !== 'TruncatedInputError') throw err;
  return { events: a.events.t.length + b.events.t.length, format: d.header?.format ?? null };
}

/**
 * Times `repeat` full decodes of `bytes` (from memory, one chunk each), `runs` times after
 * `warmup` untimed runs, and reports the median run.
 * @throws DecodeError when the bytes do not decode (a truncated tail is accepted).
 */
export function measureDecode(
  make: () => EventDecoder,
  bytes: Uint8Array,
  opts: { repeat: number; runs?: number; warmup?: number; now?: () => number },
): DecodeBenchResult {
  const now = opts.now ?? (() => performance.now());
  const runs = opts.runs ?? 7;
  const first = decodeOnce(make, bytes);
  for (let i = 1; i < (opts.warmup ?? 2); i++) decodeOnce(make, bytes);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = now();
    for (let i = 0; i < opts.repeat; i++) decodeOnce(make, bytes);
    times.push((now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  const seconds = times[Math.floor(times.length / 2)]!;
  const events = first.events * opts.repeat;
  return { format: first.format, events, seconds, mev_per_s: events / seconds / 1e6 };
}

/** Repeat count that makes one run decode at least `minEvents` events. */
export function repeatFor(eventsPerDecode: number, minEvents = 10_000_000): number {
  return Math.max(1, Math.ceil(minEvents / Math.max(1, eventsPerDecode)));
}
