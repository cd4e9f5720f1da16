import { ConfigError } from '../errors.js';

/** Typed arrays the wire format carries as little-endian `bin` columns. */
export type WireColumn = Uint8Array | Uint16Array | Float32Array | Float64Array;

interface ColumnType<T extends WireColumn> {
  readonly BYTES_PER_ELEMENT: number;
  new (length: number): T;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
}

// Columns are sent as the host's memory; every platform Node supports but s390x is little-endian.
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function requireLittleEndian(): void {
  if (!LITTLE_ENDIAN_HOST) throw new ConfigError('spikeguard-wire: columns are little-endian and this host is big-endian');
}

/**
 * The bytes of a column as a view (no copy), ready for a msgpack `bin` field.
 * @throws ConfigError on a big-endian host.
 * @example columnBytes(new Uint16Array([1, 2])) // Uint8Array [1, 0, 2, 0]
 */
export function columnBytes(column: WireColumn): Uint8Array {
  requireLittleEndian();
  return new Uint8Array(column.buffer, column.byteOffset, column.byteLength);
}

/**
 * A typed array over little-endian bytes: a view when `bytes` is aligned to the element size
 * (zero-copy, sharing the received chunk's memory), else an aligned copy. `bytes.length` must be
 * a multiple of the element size (callers check it, to report where it is not).
 * @throws ConfigError on a big-endian host.
 */
export function readColumn<T extends WireColumn>(bytes: Uint8Array, type: ColumnType<T>): T {
  requireLittleEndian();
  const n = bytes.length / type.BYTES_PER_ELEMENT;
  if (bytes.byteOffset % type.BYTES_PER_ELEMENT === 0) return new type(bytes.buffer, bytes.byteOffset, n);
  const copy = new type(n);
  new Uint8Array(copy.buffer).set(bytes);
  return copy;
}
