import { hexBytes } from './core/describeBytes.js';
import type { FormatName } from './core/types.js';

/** What the first bytes (or the file name) say about a file. */
export type Detection =
  | { readonly kind: 'format'; readonly format: FormatName }
  /** A Prophesee `% ` header: EVT 2.0, EVT 3.0 or DAT, decided by the header itself. */
  | { readonly kind: 'prophesee' }
  /** The whole input is shorter than a magic it begins (or empty): `expected` names the magic. */
  | { readonly kind: 'truncated'; readonly expected: string; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/** Bytes needed to decide from content alone (the AEDAT 4.0 magic is the longest). */
export const DETECT_BYTES = 14;

const ascii = new TextDecoder('latin1');

/** Magics, in the order they are tried; the text is what a file starts with. */
const MAGICS: readonly { readonly text: string; readonly name: string; readonly detection: Detection }[] = [
  { text: '#!AER-DAT4.', name: 'AEDAT 4.0', detection: { kind: 'format', format: 'aedat4' } },
  { text: '#!AER-DAT3.', name: 'AEDAT 3.x', detection: { kind: 'format', format: 'aedat3' } },
  { text: '#!AER-DAT2.', name: 'AEDAT 2.0', detection: { kind: 'format', format: 'aedat2' } },
  { text: 'Event Stream', name: 'Event Stream (ES)', detection: { kind: 'format', format: 'es' } },
  { text: '% ', name: 'Prophesee (EVT 2.0/3.0, DAT)', detection: { kind: 'prophesee' } },
];

const KNOWN = 'an event file (AEDAT 2.0/3.x/4.0, EVT 2.0/3.0, DAT, ES or N-MNIST)';

/**
 * Detects the format from the first bytes of a file: at least {@link DETECT_BYTES} of them, or
 * the whole input when it is shorter (then a head that begins a magic and stops is `truncated`).
 * Files without a magic (N-MNIST `.bin`, header-less `.dat`) are recognised by `fileName`'s
 * extension only.
 */
export function detectFormat(head: Uint8Array, fileName?: string): Detection {
  // Bytes compared directly: decoding text costs more than the rest of a small N-MNIST file's load.
  const magic = MAGICS.find((m) => startsWithAscii(head, m.text));
  if (magic !== undefined) return magic.detection;
  const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (ext === 'bin') return { kind: 'format', format: 'nmnist' };
  if (ext === 'dat') return { kind: 'format', format: 'dat' };
  if (head.length === 0) return { kind: 'truncated', expected: KNOWN, reason: 'an empty input (0 bytes)' };
  const text = ascii.decode(head.subarray(0, 16));
  const begun = MAGICS.filter((m) => m.text.startsWith(text));
  if (begun.length > 0 && head.length < DETECT_BYTES) {
    const texts = [...new Set(begun.map((m) => JSON.stringify(m.text.replace(/\d\.$/, ''))))].join(' or ');
    const names = begun.map((m) => m.name).join(', ');
    const bytes = head.length === 1 ? '1 byte' : `${head.length} bytes`;
    return { kind: 'truncated', expected: `the rest of the magic ${texts} (${names})`, reason: `an input that ends after ${bytes}` };
  }
  if (text.startsWith('#!AER-DAT1.') || (text.startsWith('#') && !text.startsWith('#!AER-DAT'))) {
    return { kind: 'unknown', reason: 'a "#" header without a "#!AER-DAT2.0/3.x/4.0" version line (AEDAT 1.0 is not supported)' };
  }
  const hex = hexBytes(head, 8);
  return {
    kind: 'unknown',
    reason: `no known magic (first bytes: ${hex}; known: ${MAGICS.map((m) => JSON.stringify(m.text)).join(', ')}); ` +
      'for N-MNIST .bin or header-less .dat, pass the file name or the format',
  };
}

/** Whether `bytes` begin with the ASCII characters of `text`. */
function startsWithAscii(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}
