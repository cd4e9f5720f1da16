import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { encodeNmnist } from '../../src/aedat/nmnist/encodeNmnist.js';
import { openDecoder } from '../../src/aedat/openDecoder.js';
import { mnistDigits, saccadeDigits, SACCADE_DEFAULTS } from '../../src/datasets/index.js';
import { ConfigError } from '../../src/errors.js';
import { batchFromEvents, type EventBatch } from '../../src/events/EventBatch.js';
import { cli } from '../helpers/cli.js';

const decode = (path: string): EventBatch => {
  const d = decodeAll(openDecoder({ fileName: path }), new Uint8Array(readFileSync(path)));
  expect(d.error).toBeUndefined();
  return d.events;
};
const columns = (b: EventBatch) => [Array.from(b.x), Array.from(b.y), Array.from(b.t), Array.from(b.p)];

describe('encodeNmnist: the 40-bit N-MNIST .bin layout', () => {
  it('round-trips through the N-MNIST decoder, extremes included', () => {
    const events = batchFromEvents([
      { t: 0, x: 0, y: 0, p: 0 }, { t: 1, x: 255, y: 255, p: 1 }, { t: 65_536, x: 3, y: 200, p: 1 }, { t: 2 ** 23 - 1, x: 33, y: 0, p: 0 },
    ], { width: 256, height: 256 });
    const bytes = encodeNmnist(events);
    expect(bytes.length).toBe(20);
    expect(Array.from(bytes.subarray(5, 10))).toEqual([255, 255, 0x80, 0, 1]);
    const back = decodeAll(openDecoder({ fileName: 'x.bin' }), bytes).events;
    expect(columns(back)).toEqual(columns(events));
  });

  it('refuses what does not fit, naming the event', () => {
    const one = (e: { t: number; x: number; y: number; p: number }) => () => encodeNmnist(batchFromEvents([e], { width: 512, height: 512 }));
    expect(one({ t: 0, x: 256, y: 0, p: 0 })).toThrow(/event 0 at \(256, 0\)/);
    expect(one({ t: 2 ** 23, x: 0, y: 0, p: 0 })).toThrow(ConfigError);
    expect(one({ t: 1.5, x: 0, y: 0, p: 0 })).toThrow(/23-bit/);
    expect(one({ t: 0, x: 0, y: 0, p: 2 })).toThrow(/polarity 2/);
  });
});

describe('spikeguard dataset saccade-digits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-digits-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const digits = mnistDigits();

  for (const format of ['aedat4', 'nmnist'] as const) {
    it(`writes ${format} files in N-MNIST's layout that decode to the training events, with a manifest`, async () => {
      const out = join(dir, format);
      const r = await cli('dataset', 'saccade-digits', '--out', out, '--split', 'test', '--limit', '3', '--format', format);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^wrote 3 .* files \(\d+ events\) and .*manifest\.json\n$/);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
        counts: Record<string, number>; files: { file: string; label: number; image: number; events: number; split: string }[]; params: unknown;
      };
      expect(manifest.counts).toEqual({ test: 3 });
      expect(manifest.params).toEqual(SACCADE_DEFAULTS);
      const set = await saccadeDigits({ split: 'test', limit: 3, cache: false, values: 'count' });
      manifest.files.forEach((f, i) => {
        expect(f.file).toBe(join('Test', String(f.label), `${String(f.image).padStart(5, '0')}.${format === 'aedat4' ? 'aedat4' : 'bin'}`));
        expect(f.image).toBe(set.imageIndex(i));
        expect(f.label).toBe(digits.labels[f.image]);
        const events = decode(join(out, f.file));
        expect(events.t.length).toBe(f.events);
        expect(columns(events)).toEqual(columns(set.events(i)));
      });
    });
  }

  it('refuses a non-empty directory and unknown options with a message', async () => {
    const full = join(dir, 'full');
    await cli('dataset', 'saccade-digits', '--out', full, '--split', 'test', '--limit', '1');
    writeFileSync(join(full, 'x'), '');
    const again = await cli('dataset', 'saccade-digits', '--out', full, '--split', 'test', '--limit', '1');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/is not empty/);
    const bad = await cli('dataset', 'saccade-digits', '--out', join(dir, 'y'), '--format', 'png');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--format/);
  });

});
