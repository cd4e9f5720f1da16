import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { cellsAboveUnit, describeDomain, parseGradientSettings, PRESETS, projectToDomain } from '../../src/robust/index.js';
import { expectNoLeak, useBackend } from '../snn/snnHelpers.js';

describe('input domains', () => {
  beforeAll(() => useBackend('cpu'));

  it('clamps to [0, 1] or [0, max], rounds binary inputs, and counts the cells a unit clamp changes', async () => {
    await expectNoLeak(() => {
      const x = tf.tensor1d([-1, 0.2, 0.5, 1, 2, 5]);
      const values = (d: Parameters<typeof projectToDomain>[1]): number[] => tf.tidy(() => Array.from(projectToDomain(x, d).dataSync()));
      expect(values({ kind: 'unit' })).toEqual([0, Math.fround(0.2), 0.5, 1, 1, 1]);
      expect(values({ kind: 'counts', max: 3 })).toEqual([0, Math.fround(0.2), 0.5, 1, 2, 3]);
      expect(values({ kind: 'binary' })).toEqual([0, 0, 1, 1, 1, 1]);
      expect(cellsAboveUnit(x)).toEqual({ above: 2, cells: 6 });
      tf.dispose(x);
    });
  });

  it('rejects a counts domain without a positive finite max; labels domains', () => {
    expect(() => tf.tidy(() => projectToDomain(tf.scalar(1), { kind: 'counts', max: 0 }))).toThrow(ConfigError);
    expect(describeDomain({ kind: 'counts', max: 4 })).toBe('counts≤4');
  });
});

describe('gradient settings', () => {
  it('presets: paper is triangle γ=1, sigmoid γ=4, atan γ=2, RGA; wide adds six', () => {
    expect(PRESETS.paper.map((g) => g.label)).toEqual(['triangle:1', 'sigmoid:4', 'atan:2', 'rate']);
    expect(PRESETS.wide.map((g) => g.label)).toEqual([
      'triangle:1', 'sigmoid:4', 'atan:2', 'rate', 'triangle:0.25', 'triangle:0.5', 'triangle:2', 'triangle:3', 'rectangle:1', 'straightThrough:1',
    ]);
    expect(PRESETS.paper[3]!.forward).toEqual({ gradient: 'rate' });
  });

  it('parses names, name:γ, rate and presets, keeping each setting once', () => {
    expect(parseGradientSettings('triangle:1, atan:2,rate').map((g) => g.label)).toEqual(['triangle:1', 'atan:2', 'rate']);
    expect(parseGradientSettings('atan').map((g) => g.label)).toEqual(['atan:2']);
    expect(parseGradientSettings('paper,triangle:1,straightThrough')).toHaveLength(5);
  });

  it('rejects empty lists, unknown names and bad γ with ConfigError', () => {
    for (const bad of ['', ' , ', 'relu', 'atan:x', 'atan:', 'atan:-1', 'atan:1:2', 'triangle:Infinity']) {
      expect(() => parseGradientSettings(bad), bad).toThrow(ConfigError);
    }
  });

  it('any list of valid settings parses to the labels it names (property)', () => {
    const item = fc.oneof(
      fc.constant('rate'),
      fc.tuple(fc.constantFrom('triangle', 'sigmoid', 'atan', 'rectangle', 'fastSigmoid', 'straightThrough'), fc.integer({ min: 1, max: 40 }))
        .map(([n, g]) => `${n}:${g / 8}`),
    );
    fc.assert(fc.property(fc.array(item, { minLength: 1, maxLength: 6 }), (items) => {
      expect(parseGradientSettings(items.join(',')).map((g) => g.label)).toEqual([...new Set(items)]);
    }), { seed: 3, numRuns: 100 });
  });
});
