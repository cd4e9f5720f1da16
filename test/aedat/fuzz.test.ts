import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDecoder, type OpenDecoderOptions } from '../../src/aedat/openDecoder.js';
import { FORMAT_NAMES } from '../../src/aedat/core/types.js';
import { DecodeError } from '../../src/errors.js';
import { fixture } from '../helpers/samples.js';

/**
 * Fuzzing: mutated real recordings and random bytes through every decoder, in random chunkings.
 * Each case must end (bounded time), never throw out of push/end, report faults only as
 * DecodeError, and emit only events inside the sensor. FUZZ_SEED / FUZZ_RUNS explore further.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
/** Small limits so that hostile size fields are rejected quickly. */
const LIMITS = { maxHeaderBytes: 1 << 20, maxPacketBytes: 8 << 20 };

const SEEDS = [
  'nmnist_sample.bin',
  'dat_ncars_obj_004397_td.dat',
  'aedat4_davis346_evlib_sample.aedat4',
  'es_generic.es',
  'aedat2_davis346red_header_only.aedat',
  'evt3_gen41_1280x720_expelliarmus.raw',
] as const;

type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'cut'; at: number }
  | { kind: 'word'; at: number; value: number }
  | { kind: 'splice'; at: number; bytes: Uint8Array };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('word' as const), at: fc.nat(),
    value: fc.constantFrom(0, 0xffffffff, 0x7fffffff, 0x80000000, 0x10000, 1),
  }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }) }),
);

function mutate(src: Uint8Array, muts: readonly Mutation[]): Uint8Array {
  let b = src.slice();
  for (const m of muts) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    if (m.kind === 'flip') b[at] = m.value;
    else if (m.kind === 'cut') b = b.slice(0, at);
    else if (m.kind === 'word') new DataView(b.buffer).setUint32(Math.min(at, Math.max(0, b.length - 4)), m.value, true);
    else {
      const out = new Uint8Array(b.length + m.bytes.length);
      out.set(b.subarray(0, at));
      out.set(m.bytes, at);
      out.set(b.subarray(at), at + m.bytes.length);
      b = out;
    }
  }
  return b;
}

/** Decodes and checks the contract; returns the number of events. */
function decodeChecked(bytes: Uint8Array, opts: OpenDecoderOptions, chunk: number): number {
  const d = openDecoder({ ...LIMITS, ...opts });
  let events = 0;
  let error: DecodeError | undefined;
  // Plain checks, not expect(): this runs on every push of thousands of cases.
  const check = (o: ReturnType<typeof d.push>) => {
    const { x, y, t, p, width, height } = o.events;
    if (x.length !== t.length || y.length !== t.length || p.length !== t.length) throw new Error('column lengths differ');
    for (let i = 0; i < t.length; i++) {
      if (x[i]! >= width || y[i]! >= height || p[i]! > 1 || !Number.isFinite(t[i]!)) {
        throw new Error(`bad event ${i}: x ${x[i]} y ${y[i]} p ${p[i]} t ${t[i]} in ${width}×${height}`);
      }
    }
    events += t.length;
    if (o.error) {
      if (!(o.error instanceof DecodeError)) throw new Error(`untyped error ${String(o.error)}`);
      error ??= o.error;
    }
  };
  for (let at = 0; at < bytes.length && !error; at += chunk) check(d.push(bytes.subarray(at, at + chunk)));
  if (!error) check(d.end());
  // A failed decoder stays failed with the same error.
  if (error && d.push(new Uint8Array([1, 2, 3])).error !== error) throw new Error('a failed decoder recovered');
  return events;
}

describe('fuzz: mutated fixtures', () => {
  for (const name of SEEDS) {
    it(`${name} survives ${RUNS} mutations`, () => {
      const original = fixture(name);
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 70_000 }),
          (muts, chunk) => {
            // Tiny chunks are covered by each decoder's own tests; here they would only cost time.
            decodeChecked(mutate(original, muts), { fileName: name }, Math.max(chunk, original.length >> 12));
          }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }
});

describe('fuzz: random bytes under every format', () => {
  it.each(FORMAT_NAMES)('%s', (format) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.integer({ min: 1, max: 512 }), (bytes, chunk) => {
        decodeChecked(bytes, { format }, chunk);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('auto-detection rejects unknown input with a typed error', () => {
    const d = openDecoder();
    expect(d.push(new Uint8Array(20).fill(7)).error).toBeInstanceOf(DecodeError);
    expect(openDecoder().end().error?.offsetBytes).toBe(0);
  });
});
