import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createAedat4Decoder } from '../../src/aedat/aedat4/Aedat4Decoder.js';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { DecodeError, TruncatedInputError } from '../../src/errors.js';
import { HAVE_SHARED, sharedSample } from '../helpers/samples.js';
import { expectChunkingInvariant, expectFacts, expectSameDecode, tuples } from '../helpers/facts.js';
import {
  type Ev, buildFile, evtsPacket, frmePacket, imuPacket, trigPacket,
} from './Aedat4Fixtures.js';

const ev = (t: number, x: number, y: number, p: number): Ev => ({ t, x, y, p });

const FOUR_STREAMS = [
  { id: 0, type: 'EVTS', width: 64, height: 48 },
  { id: 1, type: 'FRME', width: 4, height: 2 },
  { id: 2, type: 'IMUS' },
  { id: 3, type: 'TRIG' },
];

/** A small file with every packet type, used by several tests. */
function mixedFile(compression: 'NONE' | 'LZ4' | 'ZSTD' = 'LZ4'): Uint8Array {
  return buildFile([
    { streamId: 0, fb: evtsPacket([ev(2 ** 52 - 5, 1, 2, 1), ev(2 ** 52 - 4, 63, 47, 0)]) },
    { streamId: 2, fb: imuPacket([{ t: 10, temperature: 30.5, v: 0.25 }]) },
    { streamId: 1, fb: frmePacket({ t: 100, w: 4, h: 2, pixels: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) }) },
    { streamId: 3, fb: trigPacket([{ t: 5, type: 7 }, { t: 6, type: 1 }]) },
    { streamId: 0, fb: evtsPacket([ev(2 ** 52, 64, 0, 1), ev(2 ** 52 + 1, 3, 4, 1)]) },
  ], { compression, streams: FOUR_STREAMS });
}

describe('Aedat4Decoder on synthetic files', () => {
  it.each(['NONE', 'LZ4', 'ZSTD'] as const)('decodes every packet type (%s)', (c) => {
    const dec = createAedat4Decoder();
    const r = decodeAll(dec, mixedFile(c));
    expect(r.error).toBeUndefined();
    expect(tuples(r)).toEqual([[2 ** 52 - 5, 1, 2, 1], [2 ** 52 - 4, 63, 47, 0], [2 ** 52 + 1, 3, 4, 1]]);
    expect(r.skipped).toEqual({ out_of_bounds: 1 });
    expect(r.imu).toEqual([{ streamId: 2, t: 10, temperature: 30.5, accel: [2.25, 3.25, 4.25], gyro: [5.25, 6.25, 7.25], magnet: [8.25, 9.25, 10.25] }]);
    expect(r.triggers).toEqual([{ streamId: 3, t: 5, type: 7 }, { streamId: 3, t: 6, type: 1 }]);
    expect(r.frames).toHaveLength(1);
    expect(r.frames[0]).toMatchObject({ t: 100, startOfFrameUs: 101, endOfExposureUs: 104, width: 4, height: 2, positionX: 1, positionY: 2 });
    expect(Array.from(r.frames[0]!.pixels)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.header).toMatchObject({ format: 'aedat4', width: 64, height: 48, metadata: { compression: c, eventStream: '0', source: 'Test & Co' } });
    expect(r.header?.streams?.map((s) => s.id)).toEqual([0, 1, 2, 3]);
    expect(dec.dataTable).toHaveLength(5);
  });

  it('gives identical output for any chunking (property)', () => {
    const files = [mixedFile('NONE'), mixedFile('LZ4'), mixedFile('ZSTD')];
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 }), fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }), (k, sizes) => {
      const bytes = files[k]!;
      const whole = decodeAll(createAedat4Decoder(), bytes);
      const dec = createAedat4Decoder();
      const outs = [];
      for (let at = 0, i = 0; at < bytes.length; i++) {
        const n = sizes[i % sizes.length]!;
        outs.push(dec.push(bytes.subarray(at, at + n)));
        at += n;
      }
      outs.push(dec.end());
      expect(outs.flatMap((o) => Array.from(o.events.t))).toEqual(Array.from(whole.events.t));
      expect(outs.flatMap((o) => o.imu)).toEqual(whole.imu);
      expect(outs.flatMap((o) => o.frames)).toEqual(whole.frames);
      expect(outs.some((o) => o.error)).toBe(false);
      expect(dec.skipped).toEqual(whole.skipped);
    }), { numRuns: 60 });
    expectChunkingInvariant(() => createAedat4Decoder(), files[1]!, [1, 2, 3, 8, 13]);
  });

  it('decodes the lowest EVTS stream by default, another on request, and counts the rest', () => {
    const streams = [{ id: 5, type: 'EVTS', width: 10, height: 10 }, { id: 2, type: 'EVTS', width: 20, height: 20 }, { id: 7, type: 'POSE' }];
    const file = buildFile([
      { streamId: 5, fb: evtsPacket([ev(1, 1, 1, 1)]) },
      { streamId: 2, fb: evtsPacket([ev(2, 15, 15, 0)]) },
      { streamId: 7, fb: evtsPacket([]) },
      { streamId: 9, fb: evtsPacket([]) },
    ], { streams });
    const a = decodeAll(createAedat4Decoder(), file);
    expect(tuples(a)).toEqual([[2, 15, 15, 0]]);
    expect(a.skipped).toEqual({ other_event_stream: 1, unknown_pose: 1, undeclared_stream: 1 });
    expect(a.header?.width).toBe(20);
    const b = decodeAll(createAedat4Decoder({ eventStream: 5 }), file);
    expect(tuples(b)).toEqual([[1, 1, 1, 1]]);
    expect(b.events.width).toBe(10);
    const c = decodeAll(createAedat4Decoder({ eventStream: 7 }), file);
    expect(c.error).toBeInstanceOf(DecodeError);
    expect(c.error?.offsetBytes).toBe(18);
  });

  it('rejects a packet whose identifier differs from its stream type, after the good prefix', () => {
    const file = buildFile([
      { streamId: 0, fb: evtsPacket([ev(1, 1, 1, 1)]) },
      { streamId: 0, fb: trigPacket([{ t: 1, type: 0 }]) },
    ], { compression: 'NONE' });
    const r = decodeAll(createAedat4Decoder(), file);
    expect(tuples(r)).toEqual([[1, 1, 1, 1]]);
    expect(r.error).toBeInstanceOf(DecodeError);
    expect(r.error?.expected).toBe('identifier EVTS');
    const second = new DataView(file.buffer).getUint32(14, true) + 18 + 8 + evtsPacket([ev(1, 1, 1, 1)]).length;
    expect(r.error?.offsetBytes).toBe(second + 8 + 8); // body start + size prefix + root offset
  });

  it('reads packets to the end without a table, and ignores bytes after a table', () => {
    const packets = [{ streamId: 0, fb: evtsPacket([ev(1, 1, 1, 1)]) }, { streamId: 0, fb: evtsPacket([ev(2, 2, 2, 0)]) }];
    const noTable = createAedat4Decoder();
    const r = decodeAll(noTable, buildFile(packets, { table: false }));
    expect(r.error).toBeUndefined();
    expect(tuples(r)).toHaveLength(2);
    expect(noTable.dataTable).toBeNull();
    expect(r.header?.metadata['dataTablePosition']).toBe('-1');
    const junk = decodeAll(createAedat4Decoder(), buildFile(packets, { trailing: new Uint8Array([1, 2, 3, 4, 5]) }));
    expect(junk.error).toBeUndefined();
    expect(tuples(junk)).toHaveLength(2);
  });

  it('counts table entries that disagree with the packets, and accepts absent fields', () => {
    const packets = [{ streamId: 0, fb: evtsPacket([ev(1, 1, 1, 1)]) }, { streamId: 0, fb: evtsPacket([ev(2, 2, 2, 0)]) }];
    const bad = decodeAll(createAedat4Decoder(), buildFile(packets, {
      rows: (rows) => [{ ...rows[0]!, size: rows[0]!.size + 1 }, { ...rows[1]!, numElements: 5 }],
    }));
    expect(bad.error).toBeUndefined();
    expect(bad.skipped).toEqual({ table_mismatch: 4 }); // 2 entries matching no packet + 2 packets no entry matches
    const partial = decodeAll(createAedat4Decoder(), buildFile(packets, { rows: (rows) => rows.slice(0, 1) }));
    expect(partial.skipped).toEqual({ table_mismatch: 1 });
  });
});

describe.skipIf(!HAVE_SHARED)('Aedat4Decoder on shared samples', () => {
  it('aedat4_dvxplorer_tonic_sample.aedat4 matches SOURCES.md', () => {
    const bytes = sharedSample('aedat4_dvxplorer_tonic_sample.aedat4');
    const dec = createAedat4Decoder();
    const r = decodeAll(dec, bytes);
    expect(r.error).toBeUndefined();
    expectFacts(r.events, {
      events: 111954,
      first5: [[1605537493718345, 154, 204, 0], [1605537493718348, 149, 206, 0], [1605537493718349, 148, 199, 1],
        [1605537493718354, 139, 30, 0], [1605537493718360, 130, 181, 1]],
      last: [1605537494308262, 88, 237, 1],
      xRange: [0, 319], yRange: [0, 239], on: 55023, off: 56931, monotonic: true,
    });
    expect(r.header).toMatchObject({ width: 320, height: 240, headerBytes: 18 + 2316, metadata: { compression: 'LZ4', dataTablePosition: '945243', source: 'DVXplorer_DXB00010' } });
    expect(r.header?.streams?.map((s) => [s.id, s.type])).toEqual([[0, 'EVTS'], [2, 'IMUS'], [3, 'TRIG']]);
    expect(r.imu).toHaveLength(475);
    expect(r.triggers).toHaveLength(0);
    const imu = r.imu[0]!;
    expect(imu.t).toBe(1605537493718788);
    expect(imu.temperature).toBeCloseTo(38.1523, 4);
    expect(imu.accel.map((v) => +v.toFixed(4))).toEqual([0.1263, -0.9951, -0.3931]);
    expect(imu.gyro.map((v) => +v.toFixed(4))).toEqual([0.412, 0.0763, -0.412]);
    expect(imu.magnet).toEqual([0, 0, 0]);
    expect(r.skipped).toEqual({});
    const table = dec.dataTable!;
    expect(table).toHaveLength(118);
    expect(table[0]).toEqual({ byteOffset: 2342, streamId: 0, size: 7949, numElements: 918, timestampStartUs: 1605537493718345, timestampEndUs: 1605537493728245 });
    expect(table[117]).toEqual({ byteOffset: 944872, streamId: 2, size: 371, numElements: 8, timestampStartUs: 1605537494298754, timestampEndUs: 1605537494307448 });
    const sum = (id: number) => table.filter((e) => e.streamId === id).reduce((s, e) => s + e.numElements, 0);
    expect([sum(0), sum(2)]).toEqual([111954, 475]);
  });

  it('aedat4_davis346_evlib_sample.aedat4 matches SOURCES.md', () => {
    const dec = createAedat4Decoder();
    const r = decodeAll(dec, sharedSample('aedat4_davis346_evlib_sample.aedat4'));
    expect(r.error).toBeUndefined();
    expectFacts(r.events, {
      events: 6676,
      first5: [[1589163147368868, 215, 164, 1], [1589163147368950, 226, 160, 1], [1589163147368974, 40, 236, 1],
        [1589163147368981, 69, 226, 1], [1589163147368988, 213, 165, 1]],
      last: [1589163147538809, 96, 229, 1],
      xRange: [14, 334], yRange: [8, 245], on: 3563, off: 3113, monotonic: true,
    });
    expect(r.header).toMatchObject({ width: 346, height: 260, headerBytes: 3122, metadata: { compression: 'LZ4', dataTablePosition: '428314', source: 'DAVIS346_00000002' } });
    expect(r.header?.streams?.map((s) => [s.id, s.type, s.width])).toEqual([[0, 'EVTS', 346], [1, 'FRME', 346], [2, 'IMUS', undefined], [3, 'TRIG', undefined]]);
    expect([r.frames.length, r.imu.length, r.triggers.length]).toEqual([4, 160, 17]);
    const { pixels, ...frame } = r.frames[0]!;
    expect(frame).toEqual({ streamId: 1, t: 1589163147365215, startOfFrameUs: 1589163147355806, endOfFrameUs: 1589163147374647,
      startOfExposureUs: 1589163147364965, endOfExposureUs: 1589163147365465, format: 0, width: 346, height: 260, positionX: 0, positionY: 0 });
    expect(pixels.length).toBe(89960);
    expect(r.triggers[0]).toEqual({ streamId: 3, t: 1589163147374647, type: 7 });
    expect(r.imu[0]!.t).toBe(1589163147369190);
    expect(r.imu[0]!.temperature).toBeCloseTo(28.5179, 4);
    expect(r.imu[0]!.accel.map((v) => +v.toFixed(4))).toEqual([0.0276, -0.9951, 0.259]);
    expect(r.imu[0]!.gyro.map((v) => +v.toFixed(4))).toEqual([0.7782, -0.5188, -0.0153]);
    expect(dec.dataTable).toHaveLength(50);
    expect(dec.dataTable![0]).toEqual({ byteOffset: 3130, streamId: 0, size: 3403, numElements: 0, timestampStartUs: 0, timestampEndUs: 0 });
    expect(r.skipped).toEqual({});
  });

  it('is chunking-invariant on the samples (1-byte chunks on a prefix)', () => {
    const bytes = sharedSample('aedat4_davis346_evlib_sample.aedat4');
    expectChunkingInvariant(() => createAedat4Decoder(), bytes, [4099]); // few sizes: comparing 89,960-byte frames with toEqual is slow
    const prefix = sharedSample('aedat4_dvxplorer_tonic_sample.aedat4').subarray(0, 12_000); // IOHeader + the first packet (918 events) + part of the second
    const r = expectChunkingInvariant(() => createAedat4Decoder(), prefix, [1, 3]);
    expect(r.error).toBeInstanceOf(TruncatedInputError);
    expect(r.events.t.length).toBe(918);
  });

  it('the same decoder gives the same result on the whole sample via expectSameDecode', () => {
    const bytes = sharedSample('aedat4_dvxplorer_tonic_sample.aedat4');
    expectSameDecode(decodeAll(createAedat4Decoder(), bytes, 65536), decodeAll(createAedat4Decoder(), bytes), '64 KiB chunks');
  });
});
