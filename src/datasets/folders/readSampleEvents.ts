import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { decodeAll } from '../../aedat/decodeAll.js';
import { ColumnBuilder } from '../../aedat/core/ColumnBuilder.js';
import { DETECT_BYTES, detectFormat } from '../../aedat/detectFormat.js';
import { openDecoder } from '../../aedat/openDecoder.js';
import { batchLength, type EventBatch } from '../../events/EventBatch.js';
import { sliceByTime } from '../../events/sliceByTime.js';
import { ConfigError, DecodeError, TruncatedInputError } from '../../errors.js';
import type { DatasetIndex } from './DatasetIndex.js';

/** A sample's events and what decoding its file reported. */
export interface SampleEvents {
  readonly events: EventBatch;
  /** A truncated tail of the file (events before it are kept), as `inspect` reports it. */
  readonly warning?: DecodeError;
}

/** Options of {@link sampleReader}. */
export interface SampleReaderOptions {
  /**
   * Decode into columns reused from file to file: each sample's events are views, valid until the
   * reader decodes another file. For readers that consume a sample before reading the next (as
   * training's binning does), where allocating fresh columns per file cost more than decoding.
   */
  readonly lend?: boolean;
}

/**
 * A reader of the samples of `index`, for reading many: each file is decoded whole (format
 * detected from its bytes and name; AEDAT 4.0 frames, IMU and triggers skipped unread, a dataset
 * uses events only) and, for a cut sample, the events of `[startUs, endUs)` are kept (the file's
 * events must be time-sorted, as these datasets' are). The file decoded last is reused for the
 * next sample of the same file (DVS Gesture cuts many samples from each recording).
 * @example const read = sampleReader(index, { lend: true }); for (let i = 0; i < n; i++) bin(read(i).events);
 */
export function sampleReader(index: DatasetIndex, opts: SampleReaderOptions = {}): (i: number) => SampleEvents {
  const columns = opts.lend === true ? new ColumnBuilder(true) : undefined;
  let last: { path: string; events: EventBatch; warning?: DecodeError } | undefined;
  return (i) => {
    const sample = index.samples[i];
    if (sample === undefined) throw new RangeError(`sample ${i} is outside 0..${index.samples.length - 1}`);
    const path = join(index.dir, sample.file);
    if (last?.path !== path) {
      last = undefined; // its lent columns are overwritten from here on
      columns?.rewind();
      last = { path, ...decodeWhole(path, columns) };
    }
    const { events, warning } = last;
    const whole = { events, ...(warning === undefined ? {} : { warning }) };
    if (sample.startUs === undefined || sample.endUs === undefined) return whole;
    return { ...whole, events: sliceByTime(events, sample.startUs, sample.endUs) };
  };
}

/**
 * The events of sample `i` in arrays of its own (see {@link sampleReader}, to read many).
 * @throws DecodeError (naming the file) for a damaged file other than a truncated tail;
 *   ConfigError for a sample that is not a regular file; RangeError for an index outside the dataset.
 */
export function readSampleEvents(index: DatasetIndex, i: number): SampleEvents {
  return sampleReader(index)(i);
}

function decodeWhole(path: string, columns: ColumnBuilder | undefined): { events: EventBatch; warning?: DecodeError } {
  const bytes = readSmallFile(path);
  // The whole file is in hand: detect its format here rather than through openDecoder's buffering.
  const found = detectFormat(bytes.subarray(0, DETECT_BYTES), path);
  const format = found.kind === 'format' ? found.format : 'auto'; // Prophesee and faults: openDecoder decides and reports
  const decoded = decodeAll(openDecoder({ format, fileName: path, eventsOnly: true, ...(columns === undefined ? {} : { columns }) }), bytes);
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
 * of loading a folder of N-MNIST files. Read to the end without a `stat` first (its Stats object,
 * four Dates, cost as much as the read). Larger files get their own buffer.
 * @throws ConfigError when more than the buffer comes from something that is not a regular file.
 */
function readSmallFile(path: string): Uint8Array {
  scratch ??= new Uint8Array(SCRATCH_BYTES);
  const fd = openSync(path, 'r');
  try {
    let have = 0;
    for (let got = 1; got > 0 && have < SCRATCH_BYTES; have += got) got = readSync(fd, scratch, have, SCRATCH_BYTES - have, have);
    if (have < SCRATCH_BYTES) return scratch.subarray(0, have);
    // Larger: read whole, but only a regular file (a device such as /dev/zero never ends). The
    // reads above were positional, so the descriptor still stands at byte 0.
    if (!fstatSync(fd).isFile()) throw new ConfigError(`${path}: not a regular file (a device or pipe is no sample)`);
    return new Uint8Array(readFileSync(fd));
  } finally {
    closeSync(fd);
  }
}
