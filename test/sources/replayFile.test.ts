import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecodeError, TruncatedInputError } from '../../src/errors.js';
import { FileReadError } from '../../src/sources/FileReadError.js';
import type { SourceMetrics } from '../../src/sources/SourceMetrics.js';
import { replayFile } from '../../src/sources/replayFile.js';
import { FIXTURES, HAVE_SHARED, SHARED_SAMPLES } from '../helpers/samples.js';
import { collect, decodePath, recordings } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'spikeguard-replay-'));
const NMNIST = join(FIXTURES, 'nmnist_sample.bin');

async function expectSameAsDecodeAll(path: string, chunkBytes: number): Promise<void> {
  const metrics: SourceMetrics[] = [];
  const r = await collect(replayFile(path, { chunkBytes, maxEventsPerBatch: 1000, onMetrics: (m) => metrics.push(m) }));
  const d = decodePath(path);
  expect(r.events.t).toEqual(d.events.t);
  expect(r.events.x).toEqual(d.events.x);
  expect(r.events.y).toEqual(d.events.y);
  expect(r.events.p).toEqual(d.events.p);
  if (d.events.t.length > 0) expect([r.events.width, r.events.height]).toEqual([d.events.width, d.events.height]);
  expect(r.batches.every((b) => b.t.length >= 1 && b.t.length <= 1000)).toBe(true);
  expect((r.error as Error | undefined)?.message).toBe(d.error?.message);
  const last = metrics[metrics.length - 1]!;
  expect(last.state).toBe(d.error ? 'error' : 'complete');
  expect(last.skipped).toEqual(d.skipped);
  expect(last.side).toEqual({ frames: d.frames.length, imu: d.imu.length, triggers: d.triggers.length });
  expect([last.events, last.batches]).toEqual([d.events.t.length, r.batches.length]);
}

describe('replayFile: same events as decodeAll', () => {
  for (const path of recordings(FIXTURES, readdirSync(FIXTURES))) {
    it(`fixture ${path.split('/').pop()}`, async () => {
      await expectSameAsDecodeAll(path, 4099);
    });
  }
  it('one big chunk and tiny chunks give the same', async () => {
    await expectSameAsDecodeAll(NMNIST, 1 << 24);
    await expectSameAsDecodeAll(NMNIST, 7);
  });
});

describe.skipIf(!HAVE_SHARED)('replayFile: same events as decodeAll on ../shared/samples', () => {
  const names = HAVE_SHARED ? readdirSync(SHARED_SAMPLES) : [];
  for (const path of recordings(SHARED_SAMPLES, names)) {
    it(`sample ${path.split('/').pop()}`, async () => {
      await expectSameAsDecodeAll(path, 65_536);
    });
  }
});

describe('replayFile: side outputs', () => {
  it('frames, IMU and triggers go to onSide, not into the stream', async () => {
    const side = { frames: 0, imu: 0, triggers: 0 };
    await collect(replayFile(join(FIXTURES, 'aedat4_davis346_evlib_sample.aedat4'), {
      onSide: (s) => { side.frames += s.frames.length; side.imu += s.imu.length; side.triggers += s.triggers.length; },
    }));
    expect(side).toEqual({ frames: 4, imu: 160, triggers: 17 });
  });
  it('a throwing onSide errors the stream (never thrown into Node)', async () => {
    const r = await collect(replayFile(join(FIXTURES, 'aedat4_davis346_evlib_sample.aedat4'), { onSide: () => { throw new RangeError('boom'); } }));
    expect(r.error).toBeInstanceOf(RangeError);
  });
});

describe('replayFile: bad files', () => {
  const bytes = new Uint8Array(readFileSync(NMNIST));
  const cut = join(tmp, 'cut.bin');
  writeFileSync(cut, bytes.subarray(0, bytes.length - 2));

  it('a truncated file: every whole event, then a TruncatedInputError', async () => {
    const r = await collect(replayFile(cut, { chunkBytes: 1000 }));
    expect(r.error).toBeInstanceOf(TruncatedInputError);
    expect(r.events.t.length).toBe(4324);
    expect(r.events.t).toEqual(decodePath(cut).events.t);
  });

  it("truncated: 'complete' ends normally and counts the dropped tail", async () => {
    let last: SourceMetrics | undefined;
    const r = await collect(replayFile(cut, { truncated: 'complete', onMetrics: (m) => { last = m; } }));
    expect(r.error).toBeUndefined();
    expect(r.events.t.length).toBe(4324);
    expect(last?.dropped).toEqual({ truncatedBytes: 3 });
  });

  it('a corrupt file: the good prefix, then the DecodeError decodeAll gives', async () => {
    const a4 = new Uint8Array(readFileSync(join(FIXTURES, 'aedat4_davis346_evlib_sample.aedat4')));
    const view = new DataView(a4.buffer);
    let at = 14 + 4 + view.getInt32(14, true); // magic, IOHeader length, IOHeader; then packets
    while (at < a4.length / 2) at += 8 + view.getInt32(at + 4, true); // [streamId, size, body]
    view.setInt32(at + 4, 0x7fffffff, true); // a packet Size past every limit
    const bad = join(tmp, 'bad.aedat4');
    writeFileSync(bad, a4);
    const d = decodePath(bad);
    expect(d.error).toBeInstanceOf(DecodeError);
    const r = await collect(replayFile(bad, { chunkBytes: 10_000 }));
    expect(r.error).toBeInstanceOf(DecodeError);
    expect(r.error).not.toBeInstanceOf(TruncatedInputError);
    expect((r.error as DecodeError).offsetBytes).toBe(d.error!.offsetBytes);
    expect(r.events.t.length).toBeGreaterThan(1000);
    expect(r.events.t).toEqual(d.events.t);
  });

  it('a missing file: a FileReadError ENOENT and no events', async () => {
    const r = await collect(replayFile(join(tmp, 'nope.aedat4')));
    expect(r.error).toBeInstanceOf(FileReadError);
    expect((r.error as FileReadError).code).toBe('ENOENT');
    expect(r.batches).toEqual([]);
  });

  it('an unknown format: DecodeError of format auto', async () => {
    const junk = join(tmp, 'junk.xyz');
    writeFileSync(junk, new Uint8Array(100).fill(7));
    const r = await collect(replayFile(junk));
    expect((r.error as DecodeError).format).toBe('auto');
  });
});
