import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAedat4 } from '../../src/aedat/aedat4/Aedat4Writer.js';
import { encodeNmnist } from '../../src/aedat/nmnist/encodeNmnist.js';
import { datasetSampleSet, framePreset, openDatasetFolder, readSampleEvents, resizeFrames, sampleReader } from '../../src/datasets/index.js';
import { ConfigError, DecodeError } from '../../src/errors.js';
import { batchFromEvents, type EventBatch } from '../../src/events/EventBatch.js';
import { crc32 } from '../../src/report/png.js';
import { concatBytes } from '../helpers/bytes.js';
import { cli } from '../helpers/cli.js';
import { FIXTURES, HAVE_SHARED, SHARED_SAMPLES } from '../helpers/samples.js';

const root = mkdtempSync(join(tmpdir(), 'sg-folders-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function put(dir: string, file: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), bytes);
}

/** `n` events on a diagonal, 1 ms apart, alternating polarity, starting at `t0` µs. */
function events(n: number, t0 = 0, side = 34): EventBatch {
  return batchFromEvents(Array.from({ length: n }, (_, i) => ({ t: t0 + 1000 * i, x: i % side, y: (3 * i) % side, p: i % 2 })), { width: side, height: side });
}

/** A DVS128 AEDAT 2.0 file (jAER): big-endian address and timestamp per event. */
function aedat2(b: EventBatch): Uint8Array {
  const head = new TextEncoder().encode('#!AER-DAT2.0\r\n# AEChip: ch.unizh.ini.jaer.chip.retina.DVS128\r\n');
  const body = new Uint8Array(8 * b.t.length);
  const dv = new DataView(body.buffer);
  for (let i = 0; i < b.t.length; i++) {
    dv.setUint32(8 * i, (b.y[i]! << 8) | (b.x[i]! << 1) | b.p[i]!);
    dv.setUint32(8 * i + 4, b.t[i]!);
  }
  return concatBytes([head, body]);
}

/** A DVS128 AEDAT 3.1 file with one polarity packet. */
function aedat31(b: EventBatch): Uint8Array {
  const head = new TextEncoder().encode(['#!AER-DAT3.1', '#Format: RAW', '#Source 1: DVS128', '#!END-HEADER'].map((l) => `${l}\r\n`).join(''));
  const n = b.t.length;
  const pkt = new Uint8Array(28 + 8 * n);
  const dv = new DataView(pkt.buffer);
  dv.setInt16(0, 1, true); // polarity events
  dv.setInt16(2, 1, true);
  [8, 4, 0, n, n, n].forEach((v, i) => dv.setInt32(4 + 4 * i, v, true));
  for (let i = 0; i < n; i++) {
    dv.setUint32(28 + 8 * i, ((b.x[i]! << 17) | (b.y[i]! << 2) | (b.p[i]! << 1) | 1) >>> 0, true);
    dv.setInt32(28 + 8 * i + 4, b.t[i]!, true);
  }
  return concatBytes([head, pkt]);
}

describe('dataset folders', () => {
  it('N-MNIST: Train|Test/<digit>/*.bin with splits; other files are counted, not read', async () => {
    const dir = join(root, 'nmnist');
    put(dir, 'Train/3/00001.bin', encodeNmnist(events(20)));
    put(dir, 'Train/7/00002.bin', encodeNmnist(events(30)));
    put(dir, 'Test/3/00003.bin', encodeNmnist(events(40)));
    copyFileSync(join(FIXTURES, 'nmnist_sample.bin'), join(dir, 'Test/3/real.bin'));
    put(dir, 'Validation/5/00004.bin', encodeNmnist(events(10)));
    put(dir, 'README.txt', 'hello');
    put(dir, 'constructor/1/00005.bin', encodeNmnist(events(10))); // not a split (a hostile name)
    const index = await openDatasetFolder(dir);
    expect(index.layout).toBe('nmnist');
    expect(index.ignored).toBe(2);
    expect(index.samples.map((s) => [s.file, s.label, s.split])).toEqual([
      [join('Test', '3', '00003.bin'), 3, 'test'], [join('Test', '3', 'real.bin'), 3, 'test'],
      [join('Train', '3', '00001.bin'), 3, 'train'], [join('Train', '7', '00002.bin'), 7, 'train'],
      [join('Validation', '5', '00004.bin'), 5, 'validation'],
    ]);
    expect(readSampleEvents(index, 1).events.t.length).toBe(4325);
    const train = datasetSampleSet(index, framePreset('nmnist'), 'train');
    expect(train.size).toBe(2);
    expect(train.shape).toEqual([8, 34, 34, 2]);
    expect(train.get(1).x.reduce((a, b) => a + b, 0)).toBe(30); // 30 distinct cells, binary
    const r = await cli('dataset', 'info', dir, '--json');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout) as { layout: string; samples: number; classes: { name: string; train: number; validation: number; test: number }[] };
    expect(info.samples).toBe(5);
    expect(info.classes[3]).toMatchObject({ name: '3', train: 1, validation: 0, test: 2 });
    expect(info.classes[5]).toMatchObject({ name: '5', validation: 1 });
    expect((await cli('dataset', 'info', dir)).stdout).toMatch(/^ {2}5 +0 +1 +0 +0$/m); // train, valid., test, other
  });

  it('a saccade-digits export in AEDAT 4.0 reads as an N-MNIST folder with its three splits', async () => {
    const dir = join(root, 'export-aedat4');
    expect((await cli('dataset', 'saccade-digits', '--out', dir, '--split', 'all', '--limit', '3')).code).toBe(0);
    const index = await openDatasetFolder(dir);
    expect(index.layout).toBe('nmnist');
    expect(['train', 'validation', 'test'].map((split) => index.samples.filter((s) => s.split === split).length)).toEqual([3, 3, 3]);
    expect(index.samples.every((s) => s.file.endsWith('.aedat4'))).toBe(true);
    const first = readSampleEvents(index, 0).events;
    expect([first.width, first.height]).toEqual([34, 34]);
    expect(first.t.length).toBeGreaterThan(1000);
  });

  it('samples read one after another keep their own events (small files share a read buffer; large ones do not)', async () => {
    const dir = join(root, 'nmnist-reuse');
    const small = [events(25, 0), events(31, 7000)];
    // 1.25 MB, 1 µs apart: above the shared read buffer.
    const large = batchFromEvents(Array.from({ length: 250_000 }, (_, i) => ({ t: i, x: i % 34, y: (7 * i) % 34, p: i % 2 })), { width: 34, height: 34 });
    put(dir, 'Train/0/a.bin', encodeNmnist(small[0]!));
    put(dir, 'Train/1/b.bin', encodeNmnist(large));
    put(dir, 'Train/2/c.bin', encodeNmnist(small[1]!));
    const index = await openDatasetFolder(dir);
    const read = index.samples.map((_, i) => readSampleEvents(index, i).events);
    for (const [got, want] of [[read[0], small[0]], [read[1], large], [read[2], small[1]]] as const) {
      expect([...got!.t]).toEqual([...want!.t]);
      expect([...got!.x]).toEqual([...want!.x]);
      expect([...got!.p]).toEqual([...want!.p]);
    }
  });

  it('a lending reader gives the events of owning reads, in columns reused from file to file', async () => {
    const dir = join(root, 'lending');
    const batches = [events(25, 0, 128), events(300, 5000, 128), events(7, 0, 128)];
    put(dir, 'airplane/a.aedat', aedat2(batches[0]!));
    put(dir, 'cat/b.aedat4', writeAedat4([batches[1]!, batches[2]!], { width: 128, height: 128, compression: 'lz4' }));
    put(dir, 'dog/c.aedat4', writeAedat4([batches[2]!], { width: 128, height: 128, compression: 'none' }));
    put(dir, 'ship/d.aedat', aedat2(batches[1]!));
    const index = await openDatasetFolder(dir);
    const lend = sampleReader(index, { lend: true });
    const lent: number[][] = [];
    let buffer: ArrayBufferLike | undefined;
    for (let i = 0; i < index.samples.length; i++) {
      const { events: e } = lend(i);
      const own = readSampleEvents(index, i).events;
      expect([...e.t], `sample ${i}`).toEqual([...own.t]);
      expect([[...e.x], [...e.y], [...e.p]], `sample ${i}`).toEqual([[...own.x], [...own.y], [...own.p]]);
      if (i > 0 && e.t.length <= lent[0]!.length) expect(e.t.buffer).toBe(buffer); // no new columns for a file that fits
      buffer ??= e.t.buffer;
      lent.push([...e.t]);
    }
    expect(lent.map((t) => t.length)).toEqual([25, 307, 7, 300]);
  });

  it.skipIf(process.platform !== 'linux')('a sample linked to an endless device is refused with a ConfigError after 1 MiB, not read for ever', async () => {
    const dir = join(root, 'device');
    put(dir, 'Train/1/a.bin', encodeNmnist(events(5)));
    symlinkSync('/dev/zero', join(dir, 'Train/1/z.bin'));
    const index = await openDatasetFolder(dir);
    const read = sampleReader(index);
    expect(read(0).events.t.length).toBe(5);
    expect(() => read(1)).toThrow(ConfigError);
    expect(() => read(1)).toThrow(/z\.bin: not a regular file/);
  });

  it('CIFAR10-DVS: class folders of AEDAT 2.0 and 4.0; the paper preset gives 10 count frames of 48×48', async () => {
    const dir = join(root, 'cifar');
    const big = events(500, 0, 128);
    put(dir, 'airplane/cifar10_airplane_0.aedat', aedat2(big));
    put(dir, 'cat/cat_1.aedat4', writeAedat4([big], { width: 128, height: 128, compression: 'lz4' }));
    put(dir, 'unrelated/x.aedat4', writeAedat4([big], { width: 128, height: 128, compression: 'lz4' }));
    const index = await openDatasetFolder(dir);
    expect(index.layout).toBe('cifar10dvs');
    expect(index.samples.map((s) => s.label)).toEqual([0, 3]);
    expect(index.ignored).toBe(1);
    const a = readSampleEvents(index, 0).events;
    const b = readSampleEvents(index, 1).events;
    expect(Array.from(a.t)).toEqual(Array.from(big.t));
    expect([Array.from(b.x), Array.from(b.y), Array.from(b.p)]).toEqual([Array.from(big.x), Array.from(big.y), Array.from(big.p)]);
    const set = datasetSampleSet(index, framePreset('cifar10dvs-paper'));
    expect(set.shape).toEqual([10, 48, 48, 2]);
    const { x } = set.get(0);
    expect(x.length).toBe(10 * 48 * 48 * 2);
    expect(x.some((v) => v > 0 && v < 1)).toBe(true); // interpolated counts
  });

  it('DVS128 Gesture: AEDAT 3.1 recordings cut by the label CSV, split by the trial lists', async () => {
    const dir = join(root, 'gesture');
    put(dir, 'user01_led.aedat', aedat31(events(100, 0, 128)));
    put(dir, 'user01_led_labels.csv', 'class,startTime_usec,endTime_usec\n3,10000,30000\n11,50000,90000\n');
    put(dir, 'user02_led.aedat', aedat31(events(10, 0, 128)));
    put(dir, 'user02_led_labels.csv', 'class,startTime_usec,endTime_usec\r\n1,0,5000\r\n');
    put(dir, 'trials_to_train.txt', 'user01_led.aedat\n');
    put(dir, 'trials_to_test.txt', 'user02_led.aedat\n');
    const index = await openDatasetFolder(dir);
    expect(index.layout).toBe('dvsgesture');
    expect(index.samples.map((s) => [s.label, s.split, s.startUs, s.endUs])).toEqual([[2, 'train', 10000, 30000], [10, 'train', 50000, 90000], [0, 'test', 0, 5000]]);
    expect(Array.from(readSampleEvents(index, 0).events.t)).toEqual(Array.from({ length: 20 }, (_, i) => 10000 + 1000 * i));
    expect(readSampleEvents(index, 1).events.t.length).toBe(40);
    expect(readSampleEvents(index, 2).events.t.length).toBe(5);
    put(dir, 'user03_led.aedat', aedat31(events(5, 0, 128)));
    put(dir, 'user03_led_labels.csv', 'class,startTime_usec,endTime_usec\n12,0,5\n');
    await expect(openDatasetFolder(dir)).rejects.toThrow(/user03_led_labels\.csv:2: class 12 is outside 1–11/);
    put(dir, 'user03_led_labels.csv', 'class,startTime_usec,endTime_usec\n1,zero,5\n');
    await expect(openDatasetFolder(dir)).rejects.toThrow(/user03_led_labels\.csv:2: expected class,startTime_usec,endTime_usec/);
  });

  it.skipIf(!HAVE_SHARED)('N-Caltech101: class folders of 40-bit .bin (the real sample decodes whole)', async () => {
    const dir = join(root, 'caltech');
    mkdirSync(join(dir, 'Caltech101', 'Faces_easy'), { recursive: true });
    copyFileSync(join(SHARED_SAMPLES, 'ncaltech101_faces_easy_0001.bin'), join(dir, 'Caltech101', 'Faces_easy', 'image_0001.bin'));
    put(dir, 'Caltech101/accordion/image_0001.bin', encodeNmnist(events(10, 0, 100)));
    const index = await openDatasetFolder(dir);
    expect(index.layout).toBe('ncaltech101');
    expect(index.classes).toEqual(['Faces_easy', 'accordion']);
    const set = datasetSampleSet(index, framePreset('ncaltech101'));
    expect(set.shape).toEqual([10, 60, 76, 2]);
    expect(set.get(0).x.some((v) => v > 0)).toBe(true);
    expect(set.outside()).toBe(0);
  });

  it('hostile trees: no layout, empty folders, damaged files and directory symlink loops end in typed errors', async () => {
    const empty = join(root, 'empty');
    mkdirSync(join(empty, 'a', 'b'), { recursive: true });
    await expect(openDatasetFolder(empty)).rejects.toThrow(ConfigError);
    await expect(openDatasetFolder(join(root, 'missing'))).rejects.toThrow(/is not a directory/);
    const loop = join(root, 'loop');
    put(loop, 'Train/1/a.bin', encodeNmnist(events(3)));
    symlinkSync(loop, join(loop, 'Train', 'again'));
    const index = await openDatasetFolder(loop);
    expect(index.samples.length).toBe(1);
    const bad = join(root, 'bad');
    put(bad, 'airplane/x.aedat4', new Uint8Array([0x23, 0x21, 0x41, 0x45, 0x52, 0x2d, 0x44, 0x41, 0x54, 0x34, 0x2e, 0x30, 0x0d, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 9]));
    const badIndex = await openDatasetFolder(bad, { layout: 'cifar10dvs' });
    expect(() => readSampleEvents(badIndex, 0)).toThrow(DecodeError);
    await expect(openDatasetFolder(bad, { layout: 'nope' as 'nmnist' })).rejects.toThrow(/unknown layout/);
  });

  it('dataset render writes a valid, non-blank PNG of the frames side by side', async () => {
    const out = join(root, 'x.png');
    const r = await cli('dataset', 'render', join(root, 'nmnist'), '--index', '1', '--out', out, '--scale', '2');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const png = readFileSync(out);
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = png.readUInt32BE(16), height = png.readUInt32BE(20);
    expect([width, height]).toEqual([8 * 34 * 2 + 7 * 2, 34 * 2]);
    let at = 8;
    const idat: Buffer[] = [];
    while (at < png.length) {
      const length = png.readUInt32BE(at);
      const type = png.toString('latin1', at + 4, at + 8);
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
      if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
      at += 12 + length;
    }
    const raw = inflateSync(Buffer.concat(idat));
    expect(raw.length).toBe(height * (1 + 3 * width));
    expect(raw.some((v, i) => i % (1 + 3 * width) !== 0 && v > 100)).toBe(true); // some bright pixels
    const past = await cli('dataset', 'render', join(root, 'nmnist'), '--index', '99', '--out', out);
    expect(past.code).not.toBe(0);
    expect(past.stderr).toMatch(/--index 99: the dataset has 5 samples/);
  });
});

describe('resizeFrames (bilinear, half-pixel centres, as torch align_corners=False)', () => {
  it('matches hand-computed values', () => {
    // 1×2×2×1 → 1×4×4×1: torch gives rows [1, 1.25, 1.75, 2], [1.5, 1.75, 2.25, 2.5], [2.5, 2.75, 3.25, 3.5], [3, 3.25, 3.75, 4]
    const up = resizeFrames(Float32Array.from([1, 2, 3, 4]), [1, 2, 2, 1], 4, 4);
    expect(Array.from(up)).toEqual([1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4]);
    // 4×4 → 2×2 averages each 2×2 block's centre: (0.5, 0.5) between pixels
    const down = resizeFrames(Float32Array.from({ length: 16 }, (_, i) => i), [1, 4, 4, 1], 2, 2);
    expect(Array.from(down)).toEqual([2.5, 4.5, 10.5, 12.5]);
    expect(() => resizeFrames(new Float32Array(3), [1, 2, 2, 1], 4, 4)).toThrow(ConfigError);
  });
});
