/**
 * Adds `n` (default 1) to `counts[key]`, creating the key on first use. A zero leaves the record
 * as it is, so a count record names only what happened. The one helper behind every skip, drop
 * and message count (decoders' `skipped`, sources' `dropped`, …); top-level so every layer can
 * use it.
 * @example
 * addCount(metrics.dropped, 'truncatedBytes', 30);
 */
export function addCount<K extends string>(counts: Partial<Record<K, number>>, key: K, n = 1): void {
  if (n !== 0) counts[key] = (counts[key] ?? 0) + n;
}
