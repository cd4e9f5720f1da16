/**
 * Bisection for the smallest ε at which an attack flips a prediction, one probe at a time (the
 * caller runs the attack and may stop between probes). The first probe is `epsMax`; if it does
 * not flip, the search ends. Then ε halves the interval (lo, hi] until `hi − lo ≤ tolerance`.
 * With `integer` (binary domains, ε in cells) probes are whole numbers and the width at least 1.
 * Assumes only what it sees: an attack need not be monotone in ε, the bounds are the probes made.
 */
export class FlipSearch {
  /** Largest probed ε that did not flip (0: the clean input, which never flips its own prediction). */
  lo = 0;
  /** Smallest probed ε that flipped; null before any did. */
  hi: number | null = null;
  probes = 0;
  private readonly tolerance: number;

  constructor(private readonly epsMax: number, tolerance: number, private readonly integer: boolean) {
    this.tolerance = integer ? Math.max(1, tolerance) : tolerance;
  }

  /** The next ε to probe, or null when the search is over. */
  next(): number | null {
    if (this.probes === 0) return this.epsMax;
    if (this.hi === null || this.hi - this.lo <= this.tolerance) return null;
    const mid = (this.lo + this.hi) / 2;
    return this.integer ? Math.floor(mid) : mid;
  }

  /** Records the outcome of a probe at `eps` (the value `next()` returned). */
  report(eps: number, flipped: boolean): void {
    this.probes += 1;
    if (flipped) this.hi = eps;
    else this.lo = eps;
  }
}
