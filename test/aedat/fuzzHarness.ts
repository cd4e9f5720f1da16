// The decoder fuzz harness: mutations of seed files, and one checked decode of an input that
// enforces the decoder contract (see fuzz.test.ts for the properties it drives).
import fc from 'fast-check';
import { openDecoder, type OpenDecoderOptions } from '../../src/aedat/openDecoder.js';
import type { DecodeOutput, EventDecoder } from '../../src/aedat/core/types.js';
import type { EventBatch } from '../../src/events/EventBatch.js';
import { concatBatches } from '../../src/events/concatBatches.js';
import { ConfigError, DecodeError, TruncatedInputError } from '../../src/errors.js';

/** Small limits so that hostile size fields are rejected quickly. */
export const LIMITS = { maxHeaderBytes: 1 << 20, maxPacketBytes: 8 << 20 } as const;

/**
 * Allocation budget of one decode, in bytes of ArrayBuffer memory still held when it ends: the
 * packet and header limits (a decoder may hold one of each, plus a decompressed copy) and a
 * generous multiple of the input for the decoded columns. A decoder that trusts a size field
 * beyond the limits shows up here.
 */
export function allocationBudget(inputBytes: number): number {
  return 3 * LIMITS.maxPacketBytes + LIMITS.maxHeaderBytes + 64 * inputBytes + (16 << 20);
}

export type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'cut'; at: number }
  | { kind: 'word'; at: number; value: number }
  | { kind: 'splice'; at: number; bytes: Uint8Array };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('word' as const), at: fc.nat(),
    value: fc.constantFrom(0, 0xffffffff, 0x7fffffff, 0x80000000, 0x10000, 1, 200 << 20),
  }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }) }),
);

/** Applies the mutations in order to a copy of `src`; a word is clipped to the bytes that remain. */
export function mutate(src: Uint8Array, muts: readonly Mutation[]): Uint8Array {
  let b: Uint8Array = src.slice();
  for (const m of muts) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    if (m.kind === 'flip') b[at] = m.value;
    else if (m.kind === 'cut') b = b.slice(0, at);
    else if (m.kind === 'word') writeWordClipped(b, at, m.value);
    else b = spliceIn(b, at, m.bytes);
  }
  return b;
}

/** Writes `value` little-endian at `at`, moved back so it fits, and cut to the buffer's length. */
function writeWordClipped(b: Uint8Array, at: number, value: number): void {
  const start = Math.max(0, Math.min(at, b.length - 4));
  for (let i = 0; i < 4 && start + i < b.length; i++) b[start + i] = (value >>> (8 * i)) & 0xff;
}

function spliceIn(b: Uint8Array, at: number, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length + bytes.length);
  out.set(b.subarray(0, at));
  out.set(bytes, at);
  out.set(b.subarray(at), at + bytes.length);
  return out;
}

/** What one checked decode produced. */
export interface Decoded {
  readonly events: EventBatch;
  readonly error: DecodeError | undefined;
}

/** A contract violation found by the harness (never a decoder's own error). */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

/**
 * Decodes `bytes` in chunks of `chunk` bytes, checking each output: columns of equal length,
 * events inside the sensor and finite times, faults only as DecodeError at an offset inside the
 * input, a failed decoder stays
 * failed, `push()` after `end()` throws a ConfigError, and the ArrayBuffer memory held at the end
 * stays within {@link allocationBudget}. Anything else a decoder throws propagates.
 */
export function decodeChecked(bytes: Uint8Array, opts: OpenDecoderOptions, chunk: number): Decoded {
  const before = process.memoryUsage().arrayBuffers;
  const d = openDecoder({ ...LIMITS, ...opts });
  const batches: EventBatch[] = [];
  let error: DecodeError | undefined;
  const take = (o: DecodeOutput): void => {
    checkBatch(o.events);
    batches.push(o.events);
    if (o.error !== undefined && !(o.error instanceof DecodeError)) throw new ContractViolation(`untyped error ${String(o.error)}`);
    const at = o.error?.offsetBytes ?? 0;
    if (!Number.isInteger(at) || at < 0 || at > bytes.length) throw new ContractViolation(`error offset outside the input: ${o.error?.message}`);
    error ??= o.error;
  };
  for (let at = 0; at < bytes.length && !error; at += chunk) take(d.push(bytes.subarray(at, at + chunk)));
  if (error && d.push(new Uint8Array([1, 2, 3])).error !== error) throw new ContractViolation('a failed decoder recovered');
  take(d.end());
  checkEnded(d);
  const held = process.memoryUsage().arrayBuffers - before;
  if (held > allocationBudget(bytes.length)) throw new ContractViolation(`holds ${held} bytes after a ${bytes.length}-byte input`);
  return { events: concatBatches(batches), error };
}

function checkBatch(b: EventBatch): void {
  const { x, y, t, p, width, height } = b;
  if (x.length !== t.length || y.length !== t.length || p.length !== t.length) throw new ContractViolation('column lengths differ');
  for (let i = 0; i < t.length; i++) {
    if (x[i]! >= width || y[i]! >= height || p[i]! > 1 || !Number.isFinite(t[i]!)) {
      throw new ContractViolation(`bad event ${i}: x ${x[i]} y ${y[i]} p ${p[i]} t ${t[i]} in ${width}×${height}`);
    }
  }
}

function checkEnded(d: EventDecoder): void {
  try {
    d.push(new Uint8Array(1));
  } catch (e) {
    if (e instanceof ConfigError) return;
    throw e;
  }
  throw new ContractViolation('push() after end() was accepted');
}

/** True when two decodes gave the same events and the same error (message and offset). */
export function sameDecode(a: Decoded, b: Decoded): boolean {
  return sameBatch(a.events, b.events) && a.error?.message === b.error?.message;
}

function sameBatch(a: EventBatch, b: EventBatch): boolean {
  if (a.t.length !== b.t.length) return false;
  for (let i = 0; i < a.t.length; i++) {
    if (a.t[i] !== b.t[i] || a.x[i] !== b.x[i] || a.y[i] !== b.y[i] || a.p[i] !== b.p[i]) return false;
  }
  return true;
}

/**
 * The whole contract on one input: a checked decode in one chunk and in `chunk`-byte chunks must
 * agree (chunking invariance); when decoding stopped at a fault that is not a truncation, the
 * bytes before the fault decode to the same events (events before a fault are kept).
 * @throws ContractViolation on any difference.
 */
export function checkInput(bytes: Uint8Array, opts: OpenDecoderOptions, chunk: number): void {
  const whole = decodeChecked(bytes, opts, Math.max(1, bytes.length));
  const split = decodeChecked(bytes, opts, chunk);
  if (!sameDecode(whole, split)) {
    throw new ContractViolation(`chunks of ${chunk} differ: ${describe(whole)} vs ${describe(split)}`);
  }
  const e = whole.error;
  if (e === undefined || e instanceof TruncatedInputError || e.offsetBytes > bytes.length) return;
  const prefix = decodeChecked(bytes.subarray(0, e.offsetBytes), opts, Math.max(1, e.offsetBytes));
  if (!sameBatch(prefix.events, whole.events)) {
    throw new ContractViolation(`the ${e.offsetBytes} bytes before the fault give ${describe(prefix)}, the whole ${describe(whole)}`);
  }
}

function describe(d: Decoded): string {
  return `${d.events.t.length} events${d.error ? ` and "${d.error.message}"` : ''}`;
}
