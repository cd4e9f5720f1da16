import { Unpackr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { batchFromEvents } from '../../src/events/EventBatch.js';
import { DecodeError } from '../../src/errors.js';
import type { WireMessage } from '../../src/wire/WireMessage.js';
import { decodeMessage } from '../../src/wire/decodeMessage.js';
import { encodeFrame, encodeMessage } from '../../src/wire/encodeMessage.js';
import { eventBatchOf, eventsMessage } from '../../src/wire/eventsCodec.js';
import { WIRE_VERSION } from '../../src/wire/wireFormat.js';
import { columns, rawFrame, sampleBatch } from './wireHelpers.js';

const roundTrip = (m: WireMessage): WireMessage => decodeMessage(encodeMessage(m));

function decodeError(body: Uint8Array, offset = 0): DecodeError {
  try {
    decodeMessage(body, offset);
  } catch (e) {
    if (e instanceof DecodeError) return e;
    throw e;
  }
  throw new Error('no DecodeError');
}

const bodyOf = (value: unknown): Uint8Array => rawFrame(value).subarray(4);

describe('wire codecs', () => {
  it('round-trips events exactly, fractional and large µs included', () => {
    const b = sampleBatch(1000);
    b.t[5] = 2 ** 53 - 1;
    const m = roundTrip(eventsMessage(b, { seq: 12, sentAtMs: 1234.5 }));
    expect(m.kind).toBe('events');
    if (m.kind !== 'events') return;
    expect(columns(eventBatchOf(m, b))).toEqual(columns(b));
    expect([m.seq, m.sentAtMs]).toEqual([12, 1234.5]);
    expect(m.p).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(m.p)).toBe(false);
  });

  it('round-trips an empty batch and views of a larger buffer', () => {
    const b = sampleBatch(50);
    const view = { ...b, x: b.x.subarray(3, 9), y: b.y.subarray(3, 9), t: b.t.subarray(3, 9), p: b.p.subarray(3, 9) };
    const m = roundTrip(eventsMessage(view));
    expect(m.kind === 'events' && columns(eventBatchOf(m, b))).toEqual(columns(view));
    const empty = roundTrip(eventsMessage(sampleBatch(0)));
    expect(empty.kind === 'events' && empty.t.length).toBe(0);
  });

  it('views aligned columns without copying and copies unaligned ones', () => {
    const body = encodeMessage(eventsMessage(sampleBatch(64)));
    for (const shift of [0, 1, 3, 5]) {
      const shifted = new Uint8Array(body.length + shift).fill(0xee);
      shifted.set(body, shift);
      const m = decodeMessage(shifted.subarray(shift));
      if (m.kind !== 'events') throw new Error('kind');
      expect(columns(eventBatchOf(m, { width: 346, height: 260 }))).toEqual(columns(sampleBatch(64)));
      expect(m.t.byteOffset % 8).toBe(0);
      expect(m.x.byteOffset % 2).toBe(0);
    }
    const aligned = decodeMessage(body);
    if (aligned.kind !== 'events') throw new Error('kind');
    const sharesBody = (a: ArrayBufferView): boolean => a.buffer === body.buffer;
    expect(sharesBody(aligned.p)).toBe(true);
  });

  it('round-trips hello, end, spikes, prediction and audit messages', () => {
    const messages: WireMessage[] = [
      { kind: 'hello', version: WIRE_VERSION, width: 640, height: 480, source: 'cam-7' },
      { kind: 'hello', version: WIRE_VERSION, width: 34, height: 34 },
      { kind: 'end' },
      { kind: 'spikes', shape: [2, 3, 4, 2], data: Float32Array.from({ length: 48 }, (_, i) => i / 8), startUs: 0, endUs: 1e4 },
      { kind: 'spikes', shape: [0, 5], data: new Float32Array(0) },
      { kind: 'prediction', scores: Float32Array.from([0.25, -1.5, 3]), startUs: 1000, endUs: 11_000.5 },
      { kind: 'audit', record: { model: 'csnn', eps: 0.1, robust: true, acc: [0.9, 0.5], by: { fgsm: 0.4, pgd: null } } },
    ];
    for (const m of messages) expect(roundTrip(m)).toEqual(m);
  });

  it('writes a big-endian length prefix before the body', () => {
    const frame = encodeFrame({ kind: 'end' });
    const body = encodeMessage({ kind: 'end' });
    expect([...frame.subarray(0, 4)]).toEqual([0, 0, 0, body.length]);
    expect([...frame.subarray(4)]).toEqual([...body]);
    expect(() => encodeFrame(eventsMessage(sampleBatch(100)), 100)).toThrow(/exceeds maxFrameBytes 100/);
  });

  it('lays columns out as docs/wire.md shows', () => {
    const b = batchFromEvents([{ x: 1, y: 2, t: 10.5, p: 1 }, { x: 3, y: 4, t: 11, p: 0 }], { width: 8, height: 8 });
    const map = new Unpackr({ useRecords: false }).unpack(encodeMessage(eventsMessage(b, { seq: 0 }))) as Record<string, Uint8Array>;
    const hex = (k: string): string => Buffer.from(map[k]!).toString('hex');
    expect([hex('x'), hex('y'), hex('t'), hex('p')]).toEqual(['01000300', '02000400', '00000000000025400000000000002640', '0100']);
    expect(Object.keys(map)).toEqual(['kind', 'x', 'y', 't', 'p', 'seq']);
  });

  it.each([
    ['cut msgpack', Uint8Array.from([0x82, 0xa1]), /undecodable msgpack/],
    ['reserved byte', Uint8Array.from([0xc1]), /expected a msgpack map, got C1Type/],
    ['trailing bytes', Uint8Array.from([0x80, 0x00]), /undecodable msgpack/],
    ['not a map', bodyOf([1, 2]), /expected a msgpack map, got array of 2/],
    ['unknown kind', bodyOf({ kind: 'toString' }), /expected kind one of hello, events/],
    ['missing kind', bodyOf({ x: 1 }), /got undefined/],
    ['wrong version', bodyOf({ kind: 'hello', version: 2, width: 1, height: 1 }), /hello.version as integer in 1..1, got number 2/],
    ['zero width', bodyOf({ kind: 'hello', version: 1, width: 0, height: 1 }), /hello.width/],
    ['column type', bodyOf({ kind: 'events', x: [1, 2], y: new Uint8Array(4), t: new Uint8Array(16), p: new Uint8Array(2) }), /events.x as bin of a multiple of 2 bytes, got array of 2/],
    ['odd x bytes', bodyOf({ kind: 'events', x: new Uint8Array(3), y: new Uint8Array(4), t: new Uint8Array(16), p: new Uint8Array(2) }), /events.x/],
    ['lengths disagree', bodyOf({ kind: 'events', x: new Uint8Array(4), y: new Uint8Array(4), t: new Uint8Array(8), p: new Uint8Array(2) }), /events.t as bin of 16 bytes \(2 events in x\), got 8 bytes/],
    ['polarity 2', bodyOf({ kind: 'events', x: new Uint8Array(2), y: new Uint8Array(2), t: new Uint8Array(8), p: Uint8Array.from([2]) }), /events.p as polarities 0 or 1, got 2 at event 0/],
    ['negative seq', bodyOf({ kind: 'events', x: new Uint8Array(0), y: new Uint8Array(0), t: new Uint8Array(0), p: new Uint8Array(0), seq: -1 }), /events.seq/],
    ['shape vs data', bodyOf({ kind: 'spikes', shape: [2, 2], data: new Uint8Array(12) }), /spikes.data as bin of 16 bytes/],
    ['bad dimension', bodyOf({ kind: 'spikes', shape: [2, 'a'], data: new Uint8Array(8) }), /spikes.shape\[1\]/],
    ['scores type', bodyOf({ kind: 'prediction', scores: 'x', startUs: 0, endUs: 1 }), /prediction.scores/],
    ['audit value', bodyOf({ kind: 'audit', record: { a: [1, new Uint8Array(2)] } }), /audit.record.a\[1\] as a map of JSON-like values, got bin of 2 bytes/],
    ['audit depth', bodyOf({ kind: 'audit', record: { a: [[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]] } }), /nesting deeper than 16/],
  ])('rejects %s with a DecodeError at the frame offset', (_name, body, message) => {
    const e = decodeError(body, 4096);
    expect(e.format).toBe('spikeguard-wire');
    expect(e.offsetBytes).toBe(4096);
    expect(e.message).toMatch(message);
  });

  it('turns a stack-exhausting nesting into a DecodeError', () => {
    expect(decodeError(new Uint8Array(1_000_000).fill(0x91)).message).toMatch(/undecodable msgpack/);
  });
});
