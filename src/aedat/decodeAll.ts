import type { EventBatch } from '../events/EventBatch.js';
import { concatBatches } from '../events/concatBatches.js';
import type { DecodeError } from '../errors.js';
import type { DecodeOutput, EventDecoder, FileHeader, Frame, ImuSample, Trigger } from './core/types.js';

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
  if (chunkBytes >= bytes.length && bytes.length > 0) {
    // One chunk (a dataset's small files): no generator, which cost more than the rest of collecting.
    const out = decoder.push(bytes);
    return collectOutputs(decoder, out.error ? [out] : [out, decoder.end()]);
  }
  return collectOutputs(decoder, feedChunks(decoder, bytes, Math.max(1, chunkBytes)));
}

/** Pushes `bytes` in chunks, then ends the input; stops after the first error. */
export function* feedChunks(decoder: EventDecoder, bytes: Uint8Array, chunkBytes: number): Generator<DecodeOutput> {
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    const out = decoder.push(bytes.subarray(at, at + chunkBytes));
    yield out;
    if (out.error) return;
  }
  yield decoder.end();
}

/** Gathers outputs into one {@link DecodedFile}; the first error is kept. */
export function collectOutputs(decoder: EventDecoder, outputs: Iterable<DecodeOutput>): DecodedFile {
  const batches: EventBatch[] = [];
  const frames: Frame[] = [];
  const imu: ImuSample[] = [];
  const triggers: Trigger[] = [];
  let error: DecodeError | undefined;
  for (const o of outputs) {
    batches.push(o.events);
    for (const f of o.frames) frames.push(f);
    for (const s of o.imu) imu.push(s);
    for (const tr of o.triggers) triggers.push(tr);
    error ??= o.error;
  }
  const result = {
    header: decoder.header,
    events: concatBatches(batches),
    frames,
    imu,
    triggers,
    skipped: { ...decoder.skipped },
  };
  return error === undefined ? result : { ...result, error };
}
