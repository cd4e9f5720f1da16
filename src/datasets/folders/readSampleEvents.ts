import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { decodeAll } from '../../aedat/decodeAll.js';
import { openDecoder } from '../../aedat/openDecoder.js';
import { batchLength, type EventBatch } from '../../events/EventBatch.js';
import { sliceByTime } from '../../events/sliceByTime.js';
import { DecodeError, TruncatedInputError } from '../../errors.js';
import type { DatasetIndex } from './DatasetIndex.js';

/** A sample's events and what decoding its file reported. */
export interface SampleEvents {
  readonly events: EventBatch;
  /** A truncated tail of the file (events before it are kept), as `inspect` reports it. */
  readonly warning?: DecodeError;
}

/** The file decoded last: DVS Gesture reads many samples, in order, from each recording. */
let last: { path: string; events: EventBatch; warning?: DecodeError } | undefined;

/**
 * Decodes the whole file of sample `i` (format detected from its bytes and name; AEDAT 4.0 frames,
 * IMU and triggers are skipped unread, a dataset uses events only) and, for a cut
 * sample, keeps the events of `[startUs, endUs)` (the file's events must be time-sorted, as these
 * datasets' are). The last decoded file is reused for the next sample of the same file.
 * @throws DecodeError (naming the file) for a damaged file other than a truncated tail; ConfigError
 *   for an index outside the dataset.
 */
export function readSampleEvents(index: DatasetIndex, i: number): SampleEvents {
  const sample = index.samples[i];
  if (sample === undefined) throw new RangeError(`sample ${i} is outside 0..${index.samples.length - 1}`);
  const path = join(index.dir, sample.file);
  if (last?.path !== path) last = { path, ...decodeWhole(path) };
  const { events, warning } = last;
  const whole = { events, ...(warning === undefined ? {} : { warning }) };
  if (sample.startUs === undefined || sample.endUs === undefined) return whole;
  return { ...whole, events: sliceByTime(events, sample.startUs, sample.endUs) };
}

function decodeWhole(path: string): { events: EventBatch; warning?: DecodeError } {
  const decoded = decodeAll(openDecoder({ fileName: path, eventsOnly: true }), readSmallFile(path));
  if (decoded.error === undefined) return { events: decoded.events };
  const e = decoded.error;
  if (!(e instanceof TruncatedInputError && e.format !== 'auto') || batchLength(decoded.events) === 0) {
    throw new DecodeError(e.format, e.offsetBytes, e.expected, `${e.got} (in ${path})`);
  }
  return { events: decoded.events, warning: decoded.error };
}

/** Files up to this size are read into one reused buffer (a dataset's files are many and small). */
const SCRATCH_BYTES = 1 << 20;
let scratch: Uint8Array | undefined;

/**
 * The bytes of the file at `path`. A small file is read into a reused buffer, valid until the next
 * call: decoders copy what they keep, and allocating (and collecting) a buffer per file was a fifth
 * of loading a folder of N-MNIST files. Larger files get their own buffer.
 */
function readSmallFile(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > SCRATCH_BYTES) return new Uint8Array(readFileSync(fd));
    scratch ??= new Uint8Array(SCRATCH_BYTES);
    let have = 0;
    for (let got = 1; got > 0 && have < size; have += got) got = readSync(fd, scratch, have, size - have, have);
    return scratch.subarray(0, have);
  } finally {
    closeSync(fd);
  }
}
