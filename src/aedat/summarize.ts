import { type Event, eventAt } from '../events/EventBatch.js';
import type { DecodeError } from '../errors.js';
import type { DecodeOutput, EventDecoder, FormatName } from './core/types.js';

/** A summary of a whole recording, built in bounded memory from a stream of outputs. */
export interface RecordingSummary {
  readonly format: FormatName | null;
  readonly width: number | null;
  readonly height: number | null;
  /** DVS / polarity events. */
  readonly events: number;
  readonly on: number;
  readonly off: number;
  /** First and last events in file order, values as stored. */
  readonly first: Event | null;
  readonly last: Event | null;
  /** Smallest and largest timestamp (µs); null without events. */
  readonly tStart: number | null;
  readonly tEnd: number | null;
  readonly frames: number;
  readonly imu: number;
  readonly triggers: number;
  readonly skipped: Readonly<Record<string, number>>;
  readonly error: DecodeError | null;
}

/** Accumulates {@link DecodeOutput}s into a {@link RecordingSummary}. */
export interface SummaryBuilder {
  add(out: DecodeOutput): void;
  finish(decoder: EventDecoder): RecordingSummary;
}

/** Starts an empty summary. */
export function summaryBuilder(): SummaryBuilder {
  let events = 0;
  let on = 0;
  let first: Event | null = null;
  let last: Event | null = null;
  let tStart = Infinity;
  let tEnd = -Infinity;
  let frames = 0;
  let imu = 0;
  let triggers = 0;
  let error: DecodeError | null = null;
  return {
    add(out) {
      const { t, p } = out.events;
      const n = t.length;
      if (n > 0) {
        first ??= eventAt(out.events, 0);
        last = eventAt(out.events, n - 1);
        for (let i = 0; i < n; i++) {
          const ti = t[i]!;
          if (ti < tStart) tStart = ti;
          if (ti > tEnd) tEnd = ti;
          on += p[i]!;
        }
        events += n;
      }
      frames += out.frames.length;
      imu += out.imu.length;
      triggers += out.triggers.length;
      error ??= out.error ?? null;
    },
    finish(decoder) {
      const h = decoder.header;
      return {
        format: h?.format ?? null,
        width: h?.width ?? null,
        height: h?.height ?? null,
        events, on, off: events - on, first, last,
        tStart: events > 0 ? tStart : null,
        tEnd: events > 0 ? tEnd : null,
        frames, imu, triggers,
        skipped: { ...decoder.skipped },
        error,
      };
    },
  };
}
