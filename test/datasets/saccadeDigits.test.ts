import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { openDecoder } from '../../src/aedat/openDecoder.js';
import { ConfigError } from '../../src/errors.js';
import type { EventBatch } from '../../src/events/EventBatch.js';
import { generateSaccadeDigit } from '../../src/datasets/saccadeDigits/generateSaccadeDigit.js';
import { mnistDigits } from '../../src/datasets/saccadeDigits/mnistDigits.js';
import { checkSaccadeParams, SACCADE_DEFAULTS } from '../../src/datasets/saccadeDigits/SaccadeParams.js';
import { saccadeOffset } from '../../src/datasets/saccadeDigits/saccadePath.js';
import { saccadeDigits } from '../../src/datasets/saccadeDigits/saccadeDigits.js';
import { splitIndices } from '../../src/datasets/saccadeDigits/splits.js';
import { FIXTURES } from '../helpers/samples.js';

const digits = mnistDigits();
const image = (i: number): Float32Array => digits.images.subarray(i * 784, (i + 1) * 784);
const SACCADE = SACCADE_DEFAULTS.saccadeUs;

/** Events, events per saccade and ON fraction of a recording. */
function facts(e: EventBatch): { events: number; perSaccade: number[]; on: number } {
  const perSaccade = [0, 0, 0];
  let on = 0;
  for (let i = 0; i < e.t.length; i++) {
    perSaccade[Math.min(2, Math.floor(e.t[i]! / SACCADE))]!++;
    on += e.p[i]!;
  }
  return { events: e.t.length, perSaccade, on: on / e.t.length };
}

describe('saccade digits: the simulated N-MNIST recordings', () => {
  it('the mnist package holds 10,000 digits, digit-major', () => {
    expect(digits.count).toBe(10_000);
    expect(digits.labels[0]).toBe(0);
    expect(digits.labels[9_999]).toBe(9);
    expect(Array.from({ length: 10 }, (_, d) => digits.labels.filter((l) => l === d).length))
      .toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  });

  it('match the real N-MNIST sample: events per sample, per saccade and ON fraction (bounds stated here)', () => {
    const real = facts(decodeAll(openDecoder({ fileName: 'x.bin' }), new Uint8Array(readFileSync(join(FIXTURES, 'nmnist_sample.bin')))).events);
    expect(real).toEqual({ events: 4325, perSaccade: [1391, 1343, 1591], on: expect.closeTo(0.496, 3) });
    const N = 100;
    const sum = { events: 0, perSaccade: [0, 0, 0], on: 0 };
    for (let k = 0; k < N; k++) {
      const f = facts(generateSaccadeDigit(image((k * 97) % digits.count), SACCADE_DEFAULTS, k));
      sum.events += f.events / N;
      sum.on += f.on / N;
      f.perSaccade.forEach((c, s) => { sum.perSaccade[s]! += c / N; });
    }
    // the real sample: 4,325 events, 1,391 / 1,343 / 1,591 per saccade, 49.6 % ON
    expect(sum.events).toBeGreaterThan(3_000);
    expect(sum.events).toBeLessThan(6_000);
    for (const c of sum.perSaccade) {
      expect(c).toBeGreaterThan(1_000);
      expect(c).toBeLessThan(2_000);
    }
    expect(sum.on).toBeGreaterThan(0.4);
    expect(sum.on).toBeLessThan(0.6);
  });

  it('are sorted whole-µs events on the 34×34 canvas within the three saccades, and repeat for a seed', () => {
    const e = generateSaccadeDigit(image(5), SACCADE_DEFAULTS, 3);
    expect(e.width).toBe(34);
    expect(e.height).toBe(34);
    for (let i = 0; i < e.t.length; i++) {
      expect(Number.isInteger(e.t[i]!) && e.t[i]! >= 0 && e.t[i]! <= 3 * SACCADE).toBe(true);
      if (i > 0) expect(e.t[i]!).toBeGreaterThanOrEqual(e.t[i - 1]!);
    }
    expect(Math.max(...e.x)).toBeLessThan(34);
    expect(Math.max(...e.y)).toBeLessThan(34);
    const again = generateSaccadeDigit(image(5), SACCADE_DEFAULTS, 3);
    expect([again.x, again.y, again.t, again.p]).toEqual([e.x, e.y, e.t, e.p]);
    const other = generateSaccadeDigit(image(5), SACCADE_DEFAULTS, 4);
    expect(other.t).not.toEqual(e.t);
  });

  it('follow the triangle: the digit moves (+3.5, +7), (+3.5, −7), (−7, 0) px, slow–fast–slow', () => {
    expect(saccadeOffset(0, SACCADE_DEFAULTS)).toEqual([0, 0]);
    expect(saccadeOffset(SACCADE / 2, SACCADE_DEFAULTS).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([1.75, 3.5]);
    expect(saccadeOffset(SACCADE, SACCADE_DEFAULTS)[0]).toBeCloseTo(3.5, 9);
    expect(saccadeOffset(2 * SACCADE, SACCADE_DEFAULTS).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([7, 0]);
    expect(saccadeOffset(3 * SACCADE, SACCADE_DEFAULTS).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([0, 0]);
    expect(saccadeOffset(SACCADE / 10, SACCADE_DEFAULTS)[1]).toBeLessThan(0.7 / 10 * 7); // slow start
    // the centroid of the events of the first and last third of each saccade moves with the digit
    const e = generateSaccadeDigit(image(1234), { ...SACCADE_DEFAULTS, noiseHz: 0 }, 1);
    const centroid = (from: number, to: number): [number, number] => {
      let x = 0, y = 0, n = 0;
      for (let i = 0; i < e.t.length; i++) if (e.t[i]! >= from && e.t[i]! < to) { x += e.x[i]!; y += e.y[i]!; n++; }
      return [x / n, y / n];
    };
    const move = (s: number): [number, number] => {
      const a = centroid(s * SACCADE, (s + 1 / 3) * SACCADE);
      const b = centroid((s + 2 / 3) * SACCADE, (s + 1) * SACCADE);
      return [b[0] - a[0], b[1] - a[1]];
    };
    const [m1, m2, m3] = [move(0), move(1), move(2)];
    expect(m1[0]).toBeGreaterThan(0.5);
    expect(m1[1]).toBeGreaterThan(1);
    expect(m2[0]).toBeGreaterThan(0.5);
    expect(m2[1]).toBeLessThan(-1);
    expect(m3[0]).toBeLessThan(-1);
    expect(Math.abs(m3[1])).toBeLessThan(Math.abs(m3[0]) / 2);
  });

  it('noise and thresholds are parameters: no noise and a black screen at white give no events', () => {
    const e = generateSaccadeDigit(new Float32Array(784), { ...SACCADE_DEFAULTS, noiseHz: 0 }, 1);
    expect(e.t.length).toBe(0);
    const noisy = generateSaccadeDigit(new Float32Array(784), { ...SACCADE_DEFAULTS, noiseHz: 100 }, 1);
    expect(noisy.t.length).toBeGreaterThan(0.8 * 100 * 34 * 34 * 0.315);
    expect(noisy.t.length).toBeLessThan(1.2 * 100 * 34 * 34 * 0.315);
  });

  it('refuse bad parameters and images with a ConfigError', () => {
    expect(() => generateSaccadeDigit(new Float32Array(10), SACCADE_DEFAULTS, 1)).toThrow(ConfigError);
    for (const bad of [{ threshold: 0 }, { threshold: Number.NaN }, { side: 20 }, { black: 1 }, { saccades: [[3, 3]] }, { noiseHz: -1 }, { stepUs: 0 }, { saccadeUs: 1e12 }]) {
      expect(() => checkSaccadeParams({ ...SACCADE_DEFAULTS, ...bad } as typeof SACCADE_DEFAULTS)).toThrow(ConfigError);
    }
  });
});

describe('saccade digits: splits, frames and the cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-saccade-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('split the 10,000 images into disjoint train 8,000 / validation 1,000 / test 1,000, fixed by the seed', () => {
    const parts = (['train', 'validation', 'test'] as const).map((s) => splitIndices(s, digits.count, 0));
    expect(parts.map((p) => p.length)).toEqual([8000, 1000, 1000]);
    expect(new Set(parts.flatMap((p) => [...p])).size).toBe(10_000);
    expect(splitIndices('test', digits.count, 0)).toEqual(parts[2]);
    expect(splitIndices('test', digits.count, 1)).not.toEqual(parts[2]);
    expect(() => splitIndices('dev' as 'test', digits.count, 0)).toThrow(ConfigError);
  });

  it('frames are the binned events; a second load reads the cache; a damaged cache is regenerated', async () => {
    const load = () => saccadeDigits({ split: 'test', T: 4, limit: 12, cache: dir });
    const first = await load();
    expect(first.cached).toBe(false);
    expect(first.shape).toEqual([4, 34, 34, 2]);
    expect(first.size).toBe(12);
    const frames = Array.from({ length: 12 }, (_, i) => Float32Array.from(first.get(i).x));
    const labels = Array.from({ length: 12 }, (_, i) => first.get(i).label);
    expect(labels.every((l, i) => l === digits.labels[first.imageIndex(i)])).toBe(true);
    const total = frames[0]!.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(500); // binary cells of ~4 k events
    expect(frames[0]!.every((v) => v === 0 || v === 1)).toBe(true);
    const second = await load();
    expect(second.cached).toBe(true);
    expect(Array.from({ length: 12 }, (_, i) => Float32Array.from(second.get(i).x))).toEqual(frames);
    const [file] = readdirSync(dir);
    const path = join(dir, file!);
    const bytes = readFileSync(path);
    bytes[bytes.length - 5]! ^= 0xff;
    writeFileSync(path, bytes);
    const afterFlip = await load();
    expect(afterFlip.cached).toBe(false);
    expect(Float32Array.from(afterFlip.get(3).x)).toEqual(frames[3]);
    truncateSync(path, 40);
    expect((await load()).cached).toBe(false);
    expect((await load()).cached).toBe(true);
    const counts = await saccadeDigits({ split: 'test', T: 4, limit: 2, cache: false, values: 'count' });
    expect(counts.get(0).x.reduce((a, b) => a + b, 0)).toBe(first.events(0).t.length);
    await expect(saccadeDigits({ split: 'test', T: 0, cache: false })).rejects.toThrow(ConfigError);
    await expect(saccadeDigits({ split: 'test', limit: -1, cache: false })).rejects.toThrow(ConfigError);
    expect(() => first.get(12)).toThrow(ConfigError);
  });
});
