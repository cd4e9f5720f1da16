import { describe, expect, it } from 'vitest';
import { domainClamp } from '../../../src/robust/index.js';
import type { SampleSet } from '../../../src/snn/index.js';

/** Two samples of [T=1, 2, 2, 1] count frames. */
const counts: SampleSet = {
  size: 2, shape: [1, 2, 2, 1],
  get: (i) => ({ x: Float32Array.from(i === 0 ? [0, 1, 2, 3] : [0, 0, 1, 5]), label: 0 }),
};

describe('domainClamp: what the domain projection changes in the clean data', () => {
  it('counts cells above the unit range (the paper clamp), above a count range, and non-binary cells', () => {
    expect(domainClamp(counts, { kind: 'unit' })).toEqual({ changed: 3, cells: 8 });
    expect(domainClamp(counts, { kind: 'counts', max: 3 })).toEqual({ changed: 1, cells: 8 });
    expect(domainClamp(counts, { kind: 'binary' })).toEqual({ changed: 3, cells: 8 });
    const spikes: SampleSet = { ...counts, get: () => ({ x: Float32Array.from([0, 1, 1, 0]), label: 1 }) };
    expect(domainClamp(spikes, { kind: 'unit' })).toEqual({ changed: 0, cells: 8 });
  });
});
