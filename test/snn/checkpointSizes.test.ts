import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs-core';
import { Packr } from 'msgpackr';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { buildModel, CheckpointError, decodeCheckpoint, encodeCheckpoint, zoo, type ModelSpec } from '../../src/snn/index.js';
import { useBackend } from './snnHelpers.js';

const packr = new Packr({ useRecords: false, moreTypes: false });
const rehash = (body: unknown): Uint8Array => {
  const bytes = packr.pack(body);
  return packr.pack({ format: 'spikeguard.checkpoint', version: 1, sha256: createHash('sha256').update(bytes).digest('hex'), body: bytes });
};
/** csnn-nmnist with `filters` in both convolutions. */
const wide = (filters: number): ModelSpec => {
  const spec = JSON.parse(JSON.stringify(zoo('csnn-nmnist'))) as { layers: { filters?: number }[] };
  spec.layers[0]!.filters = filters;
  spec.layers[3]!.filters = filters;
  return spec as unknown as ModelSpec;
};

describe('checkpoint sizes are checked before anything is allocated', () => {
  beforeAll(() => useBackend('wasm'));
  const small = (): { spec: ModelSpec; params: Record<string, unknown> } => {
    const model = buildModel(zoo('csnn-nmnist'), { seed: 0 });
    const body = packr.unpack((packr.unpack(encodeCheckpoint(model)) as { body: Uint8Array }).body) as { spec: ModelSpec; params: Record<string, unknown> };
    model.dispose();
    return body;
  };

  it('a hash-valid checkpoint declaring 2e9 filters is a CheckpointError naming the bound', () => {
    const { params } = small();
    const before = tf.memory().numBytes;
    expect(() => decodeCheckpoint(rehash({ spec: wide(2e9), params, training: null }))).toThrow(/layers\[0\]\.filters: expected a positive integer ≤ 65536, got 2000000000/);
    expect(tf.memory().numBytes).toBe(before);
  });

  it('a 6,000-filter spec whose stored weights do not match is refused without building it', () => {
    const { params } = small();
    const before = tf.memory().numBytes;
    const err = (() => {
      try {
        decodeCheckpoint(rehash({ spec: wide(6000), params, training: null }));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(CheckpointError);
    expect((err as Error).message).toMatch(/param 0\.conv2d\.kernel: shape \[3, 3, 2, 16\] does not match the spec's \[3, 3, 2, 6000\]/);
    expect(tf.memory().numBytes, 'nothing was allocated').toBe(before);
  });

  it('beforeBuild sees the spec first and can refuse it (the CLI\'s memory budget)', () => {
    const body = small();
    const seen: string[] = [];
    const refuse = (spec: ModelSpec): void => {
      seen.push(spec.name);
      throw new ConfigError('too large');
    };
    const before = tf.memory().numTensors;
    expect(() => decodeCheckpoint(rehash({ ...body, training: null }), { beforeBuild: refuse })).toThrow(/too large/);
    expect(seen).toEqual(['csnn-nmnist']);
    expect(tf.memory().numTensors).toBe(before);
  });
});
