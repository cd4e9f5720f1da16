let scratch = new Uint32Array(0);

/**
 * A Uint32Array of at least `n` entries for a kernel's selected indices, reused across calls:
 * fresh large typed arrays cost page faults that dominate a filter's time. Valid only until the
 * next call (kernels are synchronous and hand out copies, so one shared buffer is safe). Grows by
 * doubling; holds at most twice the largest batch filtered.
 */
export function scratchIndices(n: number): Uint32Array {
  if (scratch.length < n) scratch = new Uint32Array(Math.max(n, 2 * scratch.length));
  return scratch;
}
