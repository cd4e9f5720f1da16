import type { ColumnBuilder } from '../../../core/ColumnBuilder.js';
import { type Lz4WasmExports, WASM_MAX_BYTES, WASM_SLACK, wasmKernels } from './wasmKernels.js';

/** Where input not already in wasm memory is copied (after the kernels' error registers). */
export const COPY_BASE = 16;
/** Bytes of the four columns per event: t f64, x u16, y u16, p u8. */
export const COLUMN_BYTES = 13;

/**
 * Runs one of lz4.wat's record kernels (`nbin`, `aedat2`, `dat`) over the whole records of
 * `bytes`: copies them into wasm memory, lets `kernel` split them into columns at `col` (t f64[n],
 * x u16[n], y u16[n], p u8[n]), and appends the events it kept to `out` with one `.set` per column.
 * @param kernel calls the kernel with the records at `src`; its first result is the events kept
 * @returns the kernel's results, or null when WebAssembly is unavailable or the records do not
 *   fit its memory (nothing appended: the caller's JS loop decodes them).
 * @throws RangeError when the kernel finds its regions outside memory (a bug here, not the input).
 */
export function recordsViaWasm<R extends readonly number[]>(
  bytes: Uint8Array, recordBytes: number, out: ColumnBuilder,
  kernel: (k: Lz4WasmExports, src: number, n: number, col: number) => R,
): R | null {
  const k = wasmKernels();
  if (k === null) return null;
  const n = Math.floor(bytes.length / recordBytes);
  const col = Math.ceil((COPY_BASE + n * recordBytes) / 8) * 8;
  const need = col + n * COLUMN_BYTES;
  if (need + WASM_SLACK >= WASM_MAX_BYTES || k.reserve(need) === 0) return null;
  const buf = k.memory.buffer; // read after reserve: growing replaces the buffer
  new Uint8Array(buf).set(bytes.subarray(0, n * recordBytes), COPY_BASE);
  const result = kernel(k, COPY_BASE, n, col);
  const kept = result[0]!;
  if (kept < 0) throw new RangeError(`lz4.wat: ${n} records of ${recordBytes} bytes do not fit in memory`);
  appendWasmColumns(out, buf, col, n, kept);
  return result;
}

/**
 * Appends the first `kept` events of the columns a kernel wrote at `col` for `n` inputs (t f64[n],
 * x u16[n], y u16[n], p u8[n]) to `out`, one `.set` per column.
 */
export function appendWasmColumns(out: ColumnBuilder, buf: ArrayBuffer, col: number, n: number, kept: number): void {
  out.reserve(kept);
  const at = out.n;
  out.t.set(new Float64Array(buf, col, kept), at);
  out.x.set(new Uint16Array(buf, col + 8 * n, kept), at);
  out.y.set(new Uint16Array(buf, col + 10 * n, kept), at);
  out.p.set(new Uint8Array(buf, col + 12 * n, kept), at);
  out.n = at + kept;
}
