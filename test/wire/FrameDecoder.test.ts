import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, DecodeError, TruncatedInputError } from '../../src/errors.js';
import { FrameDecoder } from '../../src/wire/FrameDecoder.js';
import type { WireMessage } from '../../src/wire/WireMessage.js';
import { encodeFrame } from '../../src/wire/encodeMessage.js';
import { eventsMessage } from '../../src/wire/eventsCodec.js';
import { WIRE_VERSION } from '../../src/wire/wireFormat.js';
import { concatBytes } from '../helpers/bytes.js';
import { prefixed, rawFrame, sampleBatch } from './wireHelpers.js';

const stream: WireMessage[] = [
  { kind: 'hello', version: WIRE_VERSION, width: 346, height: 260, source: 'test' },
  eventsMessage(sampleBatch(37, 1), { seq: 0 }),
  eventsMessage(sampleBatch(0, 2), { seq: 1 }),
  eventsMessage(sampleBatch(500, 3), { seq: 2, sentAtMs: 17.25 }),
  { kind: 'prediction', scores: Float32Array.from([1, 2, 3]), startUs: 0, endUs: 10 },
  { kind: 'end' },
];
const bytes = concatBytes(stream.map((m) => encodeFrame(m)));

/** Decodes `data` cut at `cuts` (sorted offsets), then ends the stream. */
function decodeChunked(data: Uint8Array, cuts: number[], decoder = new FrameDecoder()): { messages: WireMessage[]; error?: DecodeError } {
  const messages: WireMessage[] = [];
  const edges = [0, ...cuts, data.length];
  for (let i = 1; i < edges.length; i++) {
    const out = decoder.push(data.slice(edges[i - 1], edges[i]));
    messages.push(...out.messages);
    if (out.error) return { messages, error: out.error };
  }
  const out = decoder.end();
  return out.error ? { messages, error: out.error } : { messages };
}

describe('FrameDecoder', () => {
  it('decodes a stream in one push', () => {
    const d = new FrameDecoder();
    expect(decodeChunked(bytes, [], d)).toEqual({ messages: stream });
    expect([d.frames, d.offset, d.pendingBytes]).toEqual([stream.length, bytes.length, 0]);
  });

  it('gives the same messages for any chunking (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }), (cuts) => {
        expect(decodeChunked(bytes, [...cuts].sort((a, b) => a - b))).toEqual({ messages: stream });
      }),
      { numRuns: 300 },
    );
  });

  it('decodes byte by byte', () => {
    const cuts = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    expect(decodeChunked(bytes, cuts)).toEqual({ messages: stream });
  });

  it('rejects an oversized length prefix before its body arrives', () => {
    const good = encodeFrame(stream[0]!);
    const huge = Uint8Array.from([0xff, 0xff, 0xff, 0xf0]);
    const out = decodeChunked(concatBytes([good, huge]), [], new FrameDecoder({ maxFrameBytes: 1024 }));
    expect(out.messages).toEqual([stream[0]]);
    expect(out.error).toBeInstanceOf(DecodeError);
    expect(out.error).toMatchObject({ offsetBytes: good.length, expected: 'frame length in 1..1024', got: String(0xfffffff0) });
  });

  it('rejects a zero length prefix', () => {
    expect(decodeChunked(Uint8Array.from([0, 0, 0, 0]), []).error?.message).toMatch(/at byte 0: expected frame length in 1\.\./);
  });

  it('delivers the good prefix, then a typed error for garbage, and stays failed', () => {
    const good = encodeFrame(stream[0]!);
    const garbage = prefixed(Uint8Array.from([0x82, 0xa1, 0x61]));
    const d = new FrameDecoder();
    const out = d.push(concatBytes([good, garbage, encodeFrame({ kind: 'end' })]));
    expect(out.messages).toEqual([stream[0]]);
    expect(out.error).toMatchObject({ offsetBytes: good.length, name: 'DecodeError' });
    expect(d.push(encodeFrame({ kind: 'end' }))).toEqual({ messages: [], error: out.error });
    expect(d.end().error).toBe(out.error);
  });

  it('rejects an unknown kind with its offset', () => {
    const good = encodeFrame(stream[1]!);
    const out = decodeChunked(concatBytes([good, rawFrame({ kind: 'video' })]), [3]);
    expect(out.messages).toEqual([stream[1]]);
    expect(out.error).toMatchObject({ offsetBytes: good.length });
    expect(out.error?.message).toMatch(/kind one of .*got string "video"/);
  });

  it('gives random bytes a DecodeError or a wait, never a crash', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (junk) => {
        const out = decodeChunked(junk, [], new FrameDecoder({ maxFrameBytes: 256 }));
        if (junk.length > 0) expect(out.error).toBeInstanceOf(DecodeError);
      }),
      { numRuns: 500 },
    );
  });

  it('reports a truncated stream at end after every whole frame', () => {
    const cut = bytes.length - 3;
    const out = decodeChunked(bytes.subarray(0, cut), [100]);
    expect(out.messages).toEqual(stream.slice(0, -1));
    expect(out.error).toBeInstanceOf(TruncatedInputError);
    const endFrame = encodeFrame({ kind: 'end' });
    expect(out.error).toMatchObject({ offsetBytes: bytes.length - endFrame.length, expected: `frame of ${endFrame.length} bytes` });
    const inPrefix = decodeChunked(Uint8Array.from([0, 0]), []);
    expect(inPrefix.error).toMatchObject({ name: 'TruncatedInputError', expected: '4-byte length prefix' });
  });

  it('checks its options', () => {
    expect(() => new FrameDecoder({ maxFrameBytes: 0 })).toThrow(ConfigError);
    expect(() => new FrameDecoder({ maxFrameBytes: 2 ** 32 })).toThrow(ConfigError);
  });
});
