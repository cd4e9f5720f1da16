import type { FormatName } from './core/types.js';

/** What the first bytes (or the file name) say about a file. */
export type Detection =
  | { readonly kind: 'format'; readonly format: FormatName }
  /** A Prophesee `% ` header: EVT 2.0, EVT 3.0 or DAT, decided by the header itself. */
  | { readonly kind: 'prophesee' }
  | { readonly kind: 'unknown'; readonly reason: string };

/** Bytes needed to decide from content alone (the AEDAT 4.0 magic is the longest). */
export const DETECT_BYTES = 14;

const ascii = new TextDecoder('latin1');

/**
 * Detects the format from the first bytes of a file (at least {@link DETECT_BYTES} unless the
 * file is shorter). Files without a magic (N-MNIST `.bin`, header-less `.dat`) are recognised by
 * `fileName`'s extension only.
 */
export function detectFormat(head: Uint8Array, fileName?: string): Detection {
  const text = ascii.decode(head.subarray(0, 16));
  if (text.startsWith('#!AER-DAT4.')) return { kind: 'format', format: 'aedat4' };
  if (text.startsWith('#!AER-DAT3.')) return { kind: 'format', format: 'aedat3' };
  if (text.startsWith('#!AER-DAT2.')) return { kind: 'format', format: 'aedat2' };
  if (text.startsWith('Event Stream')) return { kind: 'format', format: 'es' };
  if (text.startsWith('% ')) return { kind: 'prophesee' };
  const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (ext === 'bin') return { kind: 'format', format: 'nmnist' };
  if (ext === 'dat') return { kind: 'format', format: 'dat' };
  if (text.startsWith('#')) {
    return { kind: 'unknown', reason: 'a "#" header without an AEDAT 2.0/3.x/4.0 version line (AEDAT 1.0 is not supported)' };
  }
  const hex = Array.from(head.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return { kind: 'unknown', reason: `no known magic (first bytes: ${hex || 'none'}); pass the format explicitly` };
}
