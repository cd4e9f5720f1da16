import type { EventBatch, SensorSize } from '../events/EventBatch.js';
import { concatBatches } from '../events/concatBatches.js';
import type { DecodeError } from '../errors.js';
import type { EventDecoder, FileHeader, Frame, ImuSample, Trigger } from './core/types.js';

/** Everything a decoder produced from a whole input. */
export interface DecodedFile {
  readonly header: FileHeader | null;
  readonly events: EventBatch;
  readonly frames: readonly Frame[];
  readonly imu: readonly ImuSample[];
  readonly triggers: readonly Trigger[];
  readonly skipped: Readonly<Record<string, number>>;
  /** Set when decoding stopped at a fault (or a truncated tail); the events are the good prefix. */
  readonly error?: DecodeError;
}

/**
 * Feeds `bytes` to `decoder` in chunks of `chunkBytes` (default: one chunk), ends the input and
 * gathers all outputs. Holds the whole result in memory: for long recordings, push chunks and
 * consume the outputs as they come instead.
 */
export function decodeAll(decoder: EventDecoder, bytes: Uint8Array, chunkBytes = bytes.length): DecodedFile {
  const batches: EventBatch[] = [];
  const frames: Frame[] = [];
  const imu: ImuSample[] = [];
  const triggers: Trigger[] = [];
  let error: DecodeError | undefined;
  const step = Math.max(1, chunkBytes);
  for (let at = 0; at <= bytes.length && error === undefined; at += step) {
    const last = at + step >= bytes.length;
    const outs = [decoder.push(bytes.subarray(at, Math.min(bytes.length, at + step)))];
    if (last) outs.push(decoder.end());
    for (const o of outs) {
      batches.push(o.events);
      for (const f of o.frames) frames.push(f);
      for (const s of o.imu) imu.push(s);
      for (const tr of o.triggers) triggers.push(tr);
      error ??= o.error;
    }
    if (last) break;
  }
  const sensor: SensorSize | undefined = batches[0];
  const result = {
    header: decoder.header,
    events: concatBatches(batches, sensor),
    frames,
    imu,
    triggers,
    skipped: { ...decoder.skipped },
  };
  return error === undefined ? result : { ...result, error };
}
