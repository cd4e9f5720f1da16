import { describe, expect, it } from 'vitest';
import { FlipSearch } from '../../../src/robust/index.js';

/** Runs the search against an attack that flips exactly when ε ≥ threshold; returns the probes made. */
function runAgainst(search: FlipSearch, threshold: number): number[] {
  const probes: number[] = [];
  for (let eps = search.next(); eps !== null; eps = search.next()) {
    probes.push(eps);
    search.report(eps, eps >= threshold);
  }
  return probes;
}

describe('FlipSearch', () => {
  it('brackets the flipping ε within the tolerance, starting at epsMax', () => {
    const s = new FlipSearch(1, 0.01, false);
    const probes = runAgainst(s, 0.3);
    expect(probes[0]).toBe(1);
    expect(s.hi! - s.lo).toBeLessThanOrEqual(0.01);
    expect(s.lo).toBeLessThan(0.3);
    expect(s.hi).toBeGreaterThanOrEqual(0.3);
    expect(s.probes).toBe(probes.length);
    expect(probes.length).toBe(1 + Math.ceil(Math.log2(1 / 0.01)));
    expect(s.next()).toBeNull();
  });

  it('ends after one probe when epsMax does not flip', () => {
    const s = new FlipSearch(0.5, 0.01, false);
    expect(runAgainst(s, 2)).toEqual([0.5]);
    expect([s.lo, s.hi]).toEqual([0.5, null]);
  });

  it('probes whole cells on a binary domain, to a width of at least one cell', () => {
    const s = new FlipSearch(64, 0.1, true);
    const probes = runAgainst(s, 13);
    expect(probes.every(Number.isInteger)).toBe(true);
    expect([s.lo, s.hi]).toEqual([12, 13]);
  });

  it('reports each probe into the bound it belongs to and stops at the tolerance', () => {
    const s = new FlipSearch(1, 0.25, false);
    s.report(s.next()!, true); // 1 flips
    s.report(s.next()!, false); // 0.5 does not
    expect([s.lo, s.hi, s.next()]).toEqual([0.5, 1, 0.75]);
    s.report(0.75, true);
    expect([s.lo, s.hi, s.next(), s.probes]).toEqual([0.5, 0.75, null, 3]);
  });
});
