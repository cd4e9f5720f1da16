/**
 * Bytes as text for error messages (shared by the decoders and `wire`): hex, and the character
 * when printable, so that a message says what the file holds.
 */

/** One byte: `0x41 ('A')`, or `0x00` when not printable ASCII. */
export function describeByte(b: number): string {
  const hex = `0x${b.toString(16).padStart(2, '0')}`;
  return b >= 0x20 && b < 0x7f ? `${hex} ('${String.fromCharCode(b)}')` : hex;
}

/** The first `max` bytes as space-separated hex pairs (`04 22 4d 18`); `none` when empty. */
export function hexBytes(bytes: Uint8Array, max: number): string {
  const hex = Array.from(bytes.subarray(0, max), (v) => v.toString(16).padStart(2, '0')).join(' ');
  return hex === '' ? 'none' : hex;
}
