import type { SensorSize } from '../../events/EventBatch.js';
import { TruncatedInputError } from '../../errors.js';
import { ColumnBuilder } from '../core/ColumnBuilder.js';
import { RecordCarry } from '../core/RecordCarry.js';
import { addCount } from '../../addCount.js';
import { failFast } from '../core/failFast.js';
import type { DecoderOptions, EventDecoder, FileHeader } from '../core/types.js';

const RECORD_BYTES = 5;
/** A record with y == 240 marks a timestamp overflow (tonic / Orchard's `Read_Ndataset.m`). */
const OVERFLOW_Y = 240;
const OVERFLOW_INCREMENT_US = 2 ** 13;
/** x and y are 8 bits: without a given sensor size, this is the coordinate range. */
const ADDRESS_RANGE: SensorSize = { width: 256, height: 256 };

/**
 * Decoder for the headerless 40-bit `.bin` files of N-MNIST and N-Caltech101 (Orchard et al.):
 * 5 bytes per event, x = byte 0, y = byte 1, p = byte 2 bit 7 (1 = ON),
 * t = 23 bits from bytes 2–4 (µs). Overflow records (y = 240) add 2^13 µs to later events and
 * are counted as skipped `overflow`; events outside a given `sensor` as `out_of_bounds`.
 *
 * The file does not store the sensor size: pass `sensor` (N-MNIST is 34×34); otherwise batches
 * carry the 256×256 address range and the header reports null.
 */
export function createNmnistDecoder(opts: DecoderOptions = {}): EventDecoder {
  const sensor = opts.sensor ?? ADDRESS_RANGE;
  const header: FileHeader = {
    format: 'nmnist',
    width: opts.sensor?.width ?? null,
    height: opts.sensor?.height ?? null,
    headerBytes: 0,
    metadata: {},
  };
  const skipped: Record<string, number> = {};
  const aligner = new RecordCarry(RECORD_BYTES, decode);
  const out = new ColumnBuilder();
  let offset = 0;
  let overflowUs = 0;

  function decode(bytes: Uint8Array): void {
    const n = bytes.length / RECORD_BYTES;
    out.reserve(n);
    const { x, y, t, p } = out;
    const { width, height } = sensor;
    // Locals, not closure variables, in the hot loop; written back after it.
    let k = out.n;
    let base = overflowUs;
    let overflows = 0;
    for (let b = 0; b < bytes.length; b += RECORD_BYTES) {
      const xx = bytes[b]!;
      const yy = bytes[b + 1]!;
      const b2 = bytes[b + 2]!;
      if (yy === OVERFLOW_Y) {
        base += OVERFLOW_INCREMENT_US;
        overflows++;
      } else if (xx < width && yy < height) {
        x[k] = xx;
        y[k] = yy;
        p[k] = b2 >> 7;
        t[k] = base + (((b2 & 0x7f) << 16) | (bytes[b + 3]! << 8) | bytes[b + 4]!);
        k++;
      }
    }
    const outside = n - overflows - (k - out.n);
    if (overflows > 0) addCount(skipped, 'overflow', overflows);
    if (outside > 0) addCount(skipped, 'out_of_bounds', outside);
    overflowUs = base;
    out.n = k;
    offset += bytes.length;
  }

  return failFast({
    header,
    skipped,
    sensor,
    get offset() {
      return offset;
    },
    feed: (chunk) => aligner.feed(chunk),
    finish() {
      if (aligner.pending > 0) {
        throw new TruncatedInputError('nmnist', offset, `a whole ${RECORD_BYTES}-byte record`, `${aligner.pending} bytes`);
      }
    },
    drain: () => ({ events: out.finish(sensor) }),
    release: () => out.release(),
  });
}
