import { lastValueFrom, map, take, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../src/events/EventBatch.js';
import { concatBatches } from '../../src/events/concatBatches.js';
import { ConfigError } from '../../src/errors.js';
import type { SourceMetrics } from '../../src/sources/SourceMetrics.js';
import { poisson } from '../../src/events/poisson.js';
import { seededRng } from '../../src/events/seededRng.js';
import { simulatedCamera, type SimulatedCameraOptions } from '../../src/sources/simulatedCamera.js';

const all = async (o: SimulatedCameraOptions): Promise<EventBatch[]> => lastValueFrom(simulatedCamera(o).pipe(toArray()));
const base = { width: 32, height: 24, durationUs: 200_000, stepUs: 1000 };

describe('simulatedCamera', () => {
  it('is deterministic for a seed, and differs between seeds', async () => {
    const o = { ...base, noiseHzPerPixel: 5, seed: 11 };
    const a = concatBatches(await all(o));
    const b = concatBatches(await all(o));
    expect(a.t.length).toBeGreaterThan(100);
    expect([a.x, a.y, a.t, a.p]).toEqual([b.x, b.y, b.t, b.p]);
    const c = concatBatches(await all({ ...o, seed: 12 }));
    expect(c.x).not.toEqual(a.x);
  });

  it('noise only: count near rate × pixels × duration, polarity balanced, times in their step, sorted', async () => {
    const o = { ...base, shapes: [], noiseHzPerPixel: 20, durationUs: 1_000_000, seed: 3 };
    const batches = await all(o);
    const ev = concatBatches(batches);
    const mean = 20 * 32 * 24;
    expect(Math.abs(ev.t.length - mean)).toBeLessThan(5 * Math.sqrt(mean));
    const on = ev.p.reduce((s, p) => s + p, 0);
    expect(Math.abs(on - ev.t.length / 2)).toBeLessThan(5 * Math.sqrt(ev.t.length / 4));
    for (const b of batches) {
      const k = Math.ceil((b.t[b.t.length - 1]! + 1) / 1000);
      expect(b.t.every((t, i) => t >= (k - 1) * 1000 && t < k * 1000 && (i === 0 || t >= b.t[i - 1]!))).toBe(true);
    }
    expect(Math.max(...ev.x)).toBeLessThan(32);
    expect(Math.max(...ev.y)).toBeLessThan(24);
  });

  it('a bright bar moving right: ON events at its leading column, OFF at its trailing one', async () => {
    // 2 px wide, 1 px per 10 ms step; brightness e^1 on 1 with threshold 0.25: 4 events per pixel change
    const bar = { kind: 'bar', orientation: 'vertical', thicknessPx: 2, xPx: 5, yPx: 0, vxPxPerS: 100, vyPxPerS: 0, brightness: Math.E } as const;
    const batches = await all({ ...base, stepUs: 10_000, durationUs: 100_000, shapes: [bar], thresholdLog: 0.25 });
    expect(batches).toHaveLength(10);
    batches.forEach((b, i) => {
      const k = i + 1; // the bar covers x = 5+k, 6+k now, it covered 4+k, 5+k before
      expect(b.t.every((t) => t === k * 10_000)).toBe(true);
      const on = Array.from(b.x).filter((_, j) => b.p[j] === 1);
      const off = Array.from(b.x).filter((_, j) => b.p[j] === 0);
      expect(new Set(on)).toEqual(new Set([6 + k]));
      expect(new Set(off)).toEqual(new Set([4 + k]));
      expect([on.length, off.length]).toEqual([24 * 4, 24 * 4]);
    });
  });

  it('the default scene gives events of both polarities', async () => {
    const ev = concatBatches(await all({ ...base, durationUs: 300_000 }));
    const on = ev.p.reduce((s, p) => s + p, 0);
    expect(on).toBeGreaterThan(50);
    expect(ev.t.length - on).toBeGreaterThan(50);
  });

  it('sheds events beyond maxEventsPerStep and counts them', async () => {
    const metrics: SourceMetrics[] = [];
    const batches = await all({ ...base, shapes: [], noiseHzPerPixel: 1000, maxEventsPerStep: 50, seed: 1, onMetrics: (m) => metrics.push(m) });
    expect(batches.every((b) => b.t.length <= 50)).toBe(true);
    const last = metrics[metrics.length - 1]!;
    const mean = 1000 * 32 * 24 * 0.2;
    expect(last.state).toBe('complete');
    expect(last.events + last.dropped.stepOverflowEvents!).toBeGreaterThan(mean - 5 * Math.sqrt(mean));
    expect(last.events).toBe(batches.reduce((n, b) => n + b.t.length, 0));
    expect(last.passes).toBe(200);
  });

  it('paced: step k at k·stepUs/1000/speed ms; runs forever until unsubscribed', () => {
    const ts = new TestScheduler((a, b) => expect(a).toEqual(b));
    const o = { ...base, shapes: [], noiseHzPerPixel: 2000, stepUs: 10_000, seed: 5 };
    const last = map((b: EventBatch) => Math.ceil(b.t[b.t.length - 1]! / 10_000));
    ts.run(({ expectObservable }) => {
      expectObservable(simulatedCamera({ ...o, durationUs: 30_000, pace: { speed: 1, scheduler: ts } }).pipe(last))
        .toBe('10ms a 9ms b 9ms (c|)', { a: 1, b: 2, c: 3 });
      expectObservable(simulatedCamera({ ...o, durationUs: Infinity, pace: { speed: 2, scheduler: ts } }).pipe(take(3), last))
        .toBe('5ms a 4ms b 4ms (c|)', { a: 1, b: 2, c: 3 });
    });
  });

  it('max speed stops as soon as the consumer unsubscribes', async () => {
    const metrics: SourceMetrics[] = [];
    const got = await lastValueFrom(simulatedCamera({ ...base, noiseHzPerPixel: 2000, durationUs: 1e9, onMetrics: (m) => metrics.push(m) }).pipe(take(3), toArray()));
    expect(got).toHaveLength(3);
    expect(metrics.map((m) => [m.state, m.passes])).toEqual([['unsubscribed', 3]]);
  });

  it('invalid options are a ConfigError at call time', () => {
    expect(() => simulatedCamera({ ...base, durationUs: Infinity })).toThrow(ConfigError);
    expect(() => simulatedCamera({ ...base, width: 0 })).toThrow(ConfigError);
    expect(() => simulatedCamera({ ...base, noiseHzPerPixel: -1 })).toThrow(ConfigError);
    expect(() => simulatedCamera({ ...base, shapes: [{ kind: 'digit', digit: 12, scale: 1, xPx: 0, yPx: 0, vxPxPerS: 0, vyPxPerS: 0 }] })).toThrow(ConfigError);
  });
});

describe('seededRng and poisson', () => {
  it('seededRng repeats for a seed and is uniform', () => {
    const a = seededRng(42);
    const b = seededRng(42);
    const xs = Array.from({ length: 10_000 }, () => a.next());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.01);
  });

  it('poisson has the right mean below and above the switch to the normal approximation', () => {
    for (const lambda of [0.3, 4, 100]) {
      const rng = seededRng(7);
      const n = 5000;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += poisson(rng, lambda);
      expect(Math.abs(sum / n - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
    }
  });
});
