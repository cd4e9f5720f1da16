import type { ColumnBuilder } from '../../../core/ColumnBuilder.js';
import { WASM_MAX_BYTES, WASM_SLACK, wasmKernels } from './wasmKernels.js';
import { COLUMN_BYTES, COPY_BASE, appendWasmColumns } from './wasmRecords.js';

const EVENT_BYTES = 16;

/**
 * Appends the events of `n` 16-byte Event structs at `fb[start]` to `out` (those with x < width
 * and y < height), split into columns by the lz4.wat kernel: wasm writes t/x/y/p columns into
 * its memory and each is copied into the builder with one `.set`. When `fb` is a view on wasm
 * memory (output of {@link Lz4WasmDecoder}) it is read in place, otherwise copied in first.
 * Same output as the JS loop of `decodeEvents` (t = int64 as the nearest double, p = byte != 0).
 * @returns events kept, or -1 when WebAssembly is unavailable (nothing appended; use JS).
 */
export function extractEventsWasm(fb: Uint8Array, start: number, n: number, out: ColumnBuilder, width: number, height: number): number {
  const k = wasmKernels();
  if (k === null) return -1;
  const inWasm = fb.buffer === k.memory.buffer;
  // the columns go after whatever must stay readable: fb (in place) or the copy
  const src = inWasm ? fb.byteOffset + start : COPY_BASE;
  const col = Math.ceil((inWasm ? fb.byteOffset + fb.length : COPY_BASE + n * EVENT_BYTES) / 8) * 8;
  const need = col + n * COLUMN_BYTES;
  // when memory is not grown, fb is intact for the JS loop
  if (need + WASM_SLACK >= WASM_MAX_BYTES || k.reserve(need) === 0) return -1;
  const buf = k.memory.buffer; // grown memory detaches fb's old view: only addresses are used now
  if (!inWasm) new Uint8Array(buf).set(fb.subarray(start, start + n * EVENT_BYTES), COPY_BASE);
  const kept = k.events(src, n, width, height, col);
  if (kept < 0) throw new RangeError(`lz4.wat events: ${n} events at ${src} do not fit in memory`);
  appendWasmColumns(out, buf, col, n, kept);
  return kept;
}
