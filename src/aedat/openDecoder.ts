import { concatBatches } from '../events/concatBatches.js';
import { DecodeError, TruncatedInputError } from '../errors.js';
import { createAedat2Decoder, type Aedat2Options } from './aedat2/Aedat2Decoder.js';
import { createAedat3Decoder } from './aedat3/Aedat3Decoder.js';
import { createAedat4Decoder, type Aedat4Options } from './aedat4/Aedat4Decoder.js';
import { ByteQueue } from './core/ByteQueue.js';
import { usedAfterEnd } from './core/failFast.js';
import { emptyOutput, fullOutput } from './core/outputs.js';
import type { DecodeOutput, DecoderOptions, EventDecoder, FileHeader, FormatName } from './core/types.js';
import { DETECT_BYTES, detectFormat } from './detectFormat.js';
import { createEsDecoder } from './es/EsDecoder.js';
import { createNmnistDecoder } from './nmnist/NmnistDecoder.js';
import { createPropheseeDecoder } from './prophesee/PropheseeDecoder.js';

/** Options of {@link openDecoder}: the common ones plus each format's own. */
export interface OpenDecoderOptions extends DecoderOptions {
  /** The format, or `auto` (default) to detect it from the first bytes and `fileName`. */
  readonly format?: FormatName | 'auto';
  /** File name, used only to recognise formats without a magic (`.bin`, header-less `.dat`). */
  readonly fileName?: string;
  /** AEDAT 2.0: address layout when the header has no known `# AEChip:` line. */
  readonly chip?: Aedat2Options['chip'];
  /** AEDAT 4.0: the event stream to decode (default: the lowest-numbered EVTS stream). */
  readonly eventStream?: Aedat4Options['eventStream'];
  /** AEDAT 4.0: decode event packets only (frames, IMU and triggers skipped and counted). */
  readonly eventsOnly?: Aedat4Options['eventsOnly'];
}

/** Creates the decoder for a known format. */
export function createDecoder(format: FormatName, opts: OpenDecoderOptions = {}): EventDecoder {
  switch (format) {
    case 'aedat2': return createAedat2Decoder(opts);
    case 'aedat3': return createAedat3Decoder(opts);
    case 'aedat4': return createAedat4Decoder(opts);
    case 'evt2':
    case 'evt3':
    case 'dat': return createPropheseeDecoder({ ...opts, encoding: format });
    case 'nmnist': return createNmnistDecoder(opts);
    case 'es': return createEsDecoder(opts);
  }
}

/**
 * Opens a decoder for any supported format. With `format: 'auto'` (the default) the first bytes
 * are buffered until the format is known (14 bytes, or the end of a shorter input), then the
 * matching decoder takes over; an unrecognised input gives a DecodeError of format `auto` at offset 0.
 *
 * @example
 * const dec = openDecoder({ fileName: 'rec.aedat4' });
 * for (const chunk of chunks) handle(dec.push(chunk));
 * handle(dec.end());
 */
export function openDecoder(opts: OpenDecoderOptions = {}): EventDecoder {
  const format = opts.format ?? 'auto';
  return format === 'auto' ? autoDecoder(opts) : createDecoder(format, opts);
}

function autoDecoder(opts: OpenDecoderOptions): EventDecoder {
  const head = new ByteQueue();
  let inner: EventDecoder | undefined;
  let failure: DecodeError | undefined;
  let ended = false;
  const unknownSensor = { width: 0, height: 0 };

  /** Picks the decoder from the buffered head; sets `failure` when nothing matches. */
  function choose(): EventDecoder | undefined {
    const bytes = head.peek(Math.min(head.length, DETECT_BYTES))!;
    const d = detectFormat(bytes, opts.fileName);
    if (d.kind === 'unknown') failure = new DecodeError('auto', 0, 'a supported event-file format', d.reason);
    else if (d.kind === 'truncated') failure = new TruncatedInputError('auto', 0, d.expected, d.reason);
    else if (d.kind === 'prophesee') inner = createPropheseeDecoder(opts);
    else inner = createDecoder(d.format, opts);
    return inner;
  }

  return {
    get header(): FileHeader | null { return inner?.header ?? null; },
    get skipped() { return inner?.skipped ?? {}; },
    get offset() { return inner?.offset ?? 0; },
    push(chunk: Uint8Array): DecodeOutput {
      if (inner) return inner.push(chunk);
      if (ended) throw usedAfterEnd('push');
      if (failure) return emptyOutput(unknownSensor, failure);
      head.push(chunk);
      if (head.length < DETECT_BYTES) return emptyOutput(unknownSensor);
      const chosen = choose();
      return chosen ? chosen.push(head.takeAll()) : emptyOutput(unknownSensor, failure);
    },
    end(): DecodeOutput {
      if (inner) return inner.end();
      if (ended) throw usedAfterEnd('end');
      ended = true;
      if (failure) return emptyOutput(unknownSensor, failure);
      const chosen = choose();
      if (!chosen) return emptyOutput(unknownSensor, failure);
      const first = chosen.push(head.takeAll());
      const last = chosen.end(); // always: it ends the chosen decoder too (a failed one returns the same error)
      return first.error ? first : mergeOutputs(first, last);
    },
  };
}

function mergeOutputs(a: DecodeOutput, b: DecodeOutput): DecodeOutput {
  return fullOutput(
    concatBatches([a.events, b.events]),
    { frames: [...a.frames, ...b.frames], imu: [...a.imu, ...b.imu], triggers: [...a.triggers, ...b.triggers] },
    b.error,
  );
}
