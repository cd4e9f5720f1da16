import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDecoder } from '../../src/aedat/openDecoder.js';
import { FORMAT_NAMES } from '../../src/aedat/core/types.js';
import { DecodeError } from '../../src/errors.js';
import { checkInput, mutate, mutationArb } from './fuzzHarness.js';
import { fuzzSeeds } from './fuzzSeeds.js';

/**
 * Fuzzing: mutated seed files of every format and random bytes under every decoder, in random
 * chunkings. Each input is checked by `checkInput` (fuzzHarness.ts): typed errors only, bounded
 * memory, chunking invariance, events before a fault kept; a hang shows as the test's timeout.
 * Explore wider from the command line (not in the default run):
 *   FUZZ_SEEDS=1,2,3,4 FUZZ_RUNS=25000 npx vitest run test/aedat/fuzz.test.ts
 * runs FUZZ_RUNS inputs per seed file and fast-check seed, and prints the count per format.
 */
const SEEDS = (process.env.FUZZ_SEEDS ?? process.env.FUZZ_SEED ?? '20261126').split(',').map(Number);
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const TIMEOUT_MS = Math.max(60_000, RUNS * SEEDS.length * 40);
const FILES = fuzzSeeds();

describe('fuzz: mutated seed files', () => {
  it.each(FORMAT_NAMES)('%s', (format) => {
    let inputs = 0;
    let slowestMs = 0;
    for (const file of FILES[format]) {
      for (const seed of SEEDS) {
        fc.assert(
          fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4096 }),
            (muts, chunk) => {
              inputs++;
              const started = performance.now();
              checkInput(mutate(file.bytes, muts), { fileName: file.name }, chunk);
              slowestMs = Math.max(slowestMs, performance.now() - started);
            }),
          { seed, numRuns: RUNS },
        );
      }
    }
    // Reported, not asserted (timing is for benchmarks); a hang fails as the test's timeout.
    if (RUNS > 1000) console.log(`fuzz ${format}: ${inputs} mutated inputs, seeds ${SEEDS.join(',')}, slowest ${slowestMs.toFixed(1)} ms`);
  }, TIMEOUT_MS);
});

describe('fuzz: random bytes under every format', () => {
  it.each(FORMAT_NAMES)('%s', (format) => {
    for (const seed of SEEDS) {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 4096 }), fc.integer({ min: 1, max: 512 }), (bytes, chunk) => {
          checkInput(bytes, { format }, chunk);
        }),
        { seed, numRuns: RUNS },
      );
    }
  }, TIMEOUT_MS);

  it('auto-detection rejects unknown input with a typed error', () => {
    const d = openDecoder();
    expect(d.push(new Uint8Array(20).fill(7)).error).toBeInstanceOf(DecodeError);
    expect(openDecoder().end().error?.offsetBytes).toBe(0);
  });
});

describe('fuzz harness', () => {
  it('a 4-byte word written into a buffer cut to 1 byte is clipped (FUZZ_SEED=777 FUZZ_RUNS=8000 threw here)', () => {
    const cutThenWord = mutate(new Uint8Array([1, 2, 3, 4, 5]), [
      { kind: 'cut', at: 1 }, { kind: 'word', at: 0, value: 0x11223344 },
    ]);
    expect(Array.from(cutThenWord)).toEqual([0x44]);
    expect(Array.from(mutate(new Uint8Array(6), [{ kind: 'word', at: 5, value: 0x11223344 }]))).toEqual([0, 0, 0x44, 0x33, 0x22, 0x11]);
  });
});
