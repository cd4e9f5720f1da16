import { join } from 'node:path';
import { map, take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { openDecoder } from '../../src/aedat/openDecoder.js';
import { ConfigError } from '../../src/errors.js';
import type { ChunkReader } from '../../src/streams/ChunkReader.js';
import { bytesChunkReader } from '../../src/sources/bytesChunkReader.js';
import { fileChunkReader } from '../../src/sources/fileChunkReader.js';
import { replayChunks } from '../../src/sources/replayChunks.js';
import { replayFile } from '../../src/sources/replayFile.js';
import { FIXTURES } from '../helpers/samples.js';
import { collect, decodePath, nmnistBytes, runVirtual } from './helpers.js';

const ev = (tUs: number) => ({ t: tUs, x: 1, y: 2, p: 1 });
/** Four events, 10 ms apart, one per batch. */
const FOUR = nmnistBytes([0, 10_000, 20_000, 30_000].map(ev));
const times = map((b: { t: Float64Array }) => Array.from(b.t));
const testScheduler = () => new TestScheduler((a, b) => expect(a).toEqual(b));

/** A reader that logs reads and closes. */
function logged(inner: ChunkReader, log: string[]): ChunkReader {
  return {
    read: (done) => { log.push('read'); inner.read(done); },
    rewind: () => { log.push('rewind'); inner.rewind(); },
    close: () => { log.push('close'); inner.close(); },
  };
}

describe('replayChunks: pacing in virtual time', () => {
  const opts = { fileName: 'x.bin', maxEventsPerBatch: 1 };
  const values = { a: [0], b: [10_000], c: [20_000], d: [30_000], e: [40_000], f: [50_000], g: [60_000], h: [70_000] };

  it('speed 1: a batch at its event time', () => {
    const ts = testScheduler();
    ts.run(({ expectObservable }) => {
      const src = replayChunks(() => bytesChunkReader(FOUR, 5), { ...opts, pace: { speed: 1, scheduler: ts } });
      expectObservable(src.pipe(times)).toBe('a 9ms b 9ms c 9ms (d|)', values);
    });
  });

  it('speed 2: twice as fast; chunking does not matter', () => {
    const ts = testScheduler();
    ts.run(({ expectObservable }) => {
      const src = replayChunks(() => bytesChunkReader(FOUR, 3), { ...opts, pace: { speed: 2, scheduler: ts } });
      expectObservable(src.pipe(times)).toBe('a 4ms b 4ms c 4ms (d|)', values);
    });
  });

  it('max speed: everything at once', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(replayChunks(() => bytesChunkReader(FOUR, 5), opts).pipe(times)).toBe('(abcd|)', values);
    });
  });

  it('looping: pass k is shifted by k·(span + loopGapUs), time keeps going', () => {
    const ts = testScheduler();
    ts.run(({ expectObservable }) => {
      const src = replayChunks(() => bytesChunkReader(FOUR, 5), { ...opts, loops: 2, loopGapUs: 10_000, pace: { speed: 1, scheduler: ts } });
      expectObservable(src.pipe(times)).toBe('a 9ms b 9ms c 9ms d 9ms e 9ms f 9ms g 9ms (h|)', values);
    });
  });

  it('looping forever until unsubscribed; the reader is rewound, then closed', () => {
    const ts = testScheduler();
    const log: string[] = [];
    ts.run(({ expectObservable }) => {
      const src = replayChunks(() => logged(bytesChunkReader(FOUR, 100), log), { ...opts, loops: Infinity, loopGapUs: 10_000, pace: { speed: 1, scheduler: ts } });
      expectObservable(src.pipe(take(6), times)).toBe('a 9ms b 9ms c 9ms d 9ms e 9ms (f|)', values);
    });
    expect(log).toEqual(['read', 'read', 'rewind', 'read', 'close']);
  });

  it('unsubscribing stops the clock and closes the reader; nothing is read after (paced: one decoded chunk waits)', () => {
    const ts = testScheduler();
    const log: string[] = [];
    ts.run(({ expectObservable }) => {
      const src = replayChunks(() => logged(bytesChunkReader(FOUR, 5), log), { ...opts, pace: { speed: 1, scheduler: ts } });
      expectObservable(src.pipe(times), '^ 15ms !').toBe('a 9ms b', values);
    });
    // c's chunk was read at 10 ms (after b was delivered) and waits for 20 ms: one chunk ahead at most
    expect(log).toEqual(['read', 'read', 'read', 'close']);
  });

  it('invalid options are a ConfigError at call time', () => {
    const r = () => bytesChunkReader(FOUR);
    expect(() => replayChunks(r, { pace: { speed: 0 } })).toThrow(ConfigError);
    expect(() => replayChunks(r, { loops: 0 })).toThrow(ConfigError);
    expect(() => replayChunks(r, { maxEventsPerBatch: 1.5 })).toThrow(ConfigError);
  });
});

describe('replayFile: pacing a real file in virtual time', () => {
  const path = join(FIXTURES, 'nmnist_sample.bin');
  for (const speed of [1, 2]) {
    it(`speed ${speed}: each batch at (t_last − t_0) / 1000 / ${speed} ms`, async () => {
      const r = await runVirtual((s) => replayFile(path, { chunkBytes: 2000, maxEventsPerBatch: 100, pace: { speed, scheduler: s } }));
      const t0 = r.batches[0]!.t[0]!;
      expect(r.at).toEqual(r.batches.map((b) => (b.t[b.t.length - 1]! - t0) / 1000 / speed));
      expect(r.batches.reduce((n, b) => n + b.t.length, 0)).toBe(4325);
    });
  }
});

describe('replayFile: cancellation and bounded reads', () => {
  const path = join(FIXTURES, 'evt3_gen41_1280x720_expelliarmus.raw');

  it('unsubscribing after the first batch closes the file and reads nothing more', async () => {
    let reader: ReturnType<typeof fileChunkReader> | undefined;
    const src = replayChunks(() => (reader = fileChunkReader(path, 4096)), { fileName: path });
    await new Promise<void>((done) => {
      const sub = src.subscribe({ next: () => { sub.unsubscribe(); done(); } });
    });
    const read = reader!.chunksRead;
    await new Promise((r) => setTimeout(r, 50));
    expect(reader!.isOpen).toBe(false);
    expect(reader!.chunksRead).toBe(read);
    expect(read).toBeLessThanOrEqual(2);
  });

  it('a slow consumer: a chunk is read only after every event of the previous ones was delivered', async () => {
    const shadow = openDecoder({ fileName: path });
    let decoded = 0; // events in the chunks read so far, by an independent decoder
    let delivered = 0;
    const gaps: number[] = [];
    const inner = fileChunkReader(path, 8192);
    const reader: ChunkReader = {
      read: (done) => {
        gaps.push(decoded - delivered);
        inner.read((err, chunk) => {
          decoded += (chunk.length ? shadow.push(chunk) : shadow.end()).events.t.length;
          done(err, chunk);
        });
      },
      rewind: () => inner.rewind(),
      close: () => inner.close(),
    };
    const r = await collect(replayChunks(() => reader, { fileName: path, maxEventsPerBatch: 500 }).pipe(
      map((b) => {
        const until = performance.now() + 0.05; // a slow, synchronous consumer
        while (performance.now() < until);
        delivered += b.t.length;
        return b;
      }),
    ));
    expect(r.events.t.length).toBe(decodePath(path).events.t.length);
    expect(gaps.length).toBeGreaterThan(70);
    expect(gaps.every((g) => g === 0)).toBe(true);
  });
});
