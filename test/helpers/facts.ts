import { expect } from 'vitest';
import type { EventBatch } from '../../src/events/EventBatch.js';
import { eventAt } from '../../src/events/EventBatch.js';
import type { DecodedFile } from '../../src/aedat/decodeAll.js';
import { collectOutputs, decodeAll } from '../../src/aedat/decodeAll.js';
import type { EventDecoder } from '../../src/aedat/core/types.js';

/** Facts from shared/samples/SOURCES.md, events written (t, x, y, p) as there. */
export interface SampleFacts {
  readonly events: number;
  readonly first5: readonly (readonly [number, number, number, number])[];
  readonly last: readonly [number, number, number, number];
  readonly tRange?: readonly [number, number];
  readonly xRange?: readonly [number, number];
  readonly yRange?: readonly [number, number];
  readonly on?: number;
  readonly off?: number;
  readonly monotonic?: boolean;
}

const tuple = (b: EventBatch, i: number) => {
  const e = eventAt(b, i)!;
  return [e.t, e.x, e.y, e.p];
};

function range(a: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Asserts the SOURCES.md facts on a decoded batch. */
export function expectFacts(b: EventBatch, f: SampleFacts): void {
  const n = b.t.length;
  expect(n).toBe(f.events);
  expect(f.first5.map((_, i) => tuple(b, i))).toEqual(f.first5);
  expect(tuple(b, n - 1)).toEqual(f.last);
  if (f.tRange) expect(range(b.t)).toEqual(f.tRange);
  if (f.xRange) expect(range(b.x)).toEqual(f.xRange);
  if (f.yRange) expect(range(b.y)).toEqual(f.yRange);
  let on = 0;
  for (let i = 0; i < n; i++) on += b.p[i]!;
  if (f.on !== undefined) expect(on).toBe(f.on);
  if (f.off !== undefined) expect(n - on).toBe(f.off);
  if (f.monotonic) {
    let ok = true;
    for (let i = 1; i < n && ok; i++) ok = b.t[i]! >= b.t[i - 1]!;
    expect(ok).toBe(true);
  }
}

/**
 * Decodes `bytes` in one chunk and in chunks of each size in `chunkSizes`, asserting that every
 * chunking gives identical events, side outputs, skipped counts and error. Returns the one-chunk result.
 */
export function expectChunkingInvariant(
  make: () => EventDecoder,
  bytes: Uint8Array,
  chunkSizes: readonly number[],
): DecodedFile {
  const whole = decodeAll(make(), bytes);
  for (const size of chunkSizes) {
    const part = decodeAll(make(), bytes, size);
    expectSameDecode(part, whole, `chunk size ${size}`);
  }
  return whole;
}

/** Asserts two decodes of the same input are identical. */
export function expectSameDecode(a: DecodedFile, b: DecodedFile, what: string): void {
  expect(a.events.t.length, what).toBe(b.events.t.length);
  expect([a.events.width, a.events.height], `${what}: sensor`).toEqual([b.events.width, b.events.height]);
  for (const col of ['t', 'x', 'y', 'p'] as const) {
    expect(bytesOf(a.events[col]).equals(bytesOf(b.events[col])), `${what}: ${col}`).toBe(true);
  }
  expect(a.frames, `${what}: frames`).toEqual(b.frames);
  expect(a.imu, `${what}: imu`).toEqual(b.imu);
  expect(a.triggers, `${what}: triggers`).toEqual(b.triggers);
  expect(a.skipped, `${what}: skipped`).toEqual(b.skipped);
  expect(a.error?.message, `${what}: error`).toEqual(b.error?.message);
  expect(a.header, `${what}: header`).toEqual(b.header);
}

function bytesOf(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Events as `[t, x, y, p]` rows, for readable assertions on small decodes. */
export function tuples(r: { readonly events: EventBatch }): number[][] {
  return Array.from(r.events.t, (t, i) => [t, r.events.x[i]!, r.events.y[i]!, r.events.p[i]!]);
}

/** Pushes `bytes` cut at `cuts` (sorted offsets), then ends, gathering as decodeAll does. */
export function decodeSplit(dec: EventDecoder, bytes: Uint8Array, cuts: readonly number[]): DecodedFile {
  const edges = [0, ...cuts, bytes.length];
  function* outputs() {
    for (let i = 1; i < edges.length; i++) {
      const out = dec.push(bytes.subarray(edges[i - 1]!, edges[i]!));
      yield out;
      if (out.error) return;
    }
    yield dec.end();
  }
  return collectOutputs(dec, outputs());
}
