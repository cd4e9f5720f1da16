import type { ColumnBuilder } from '../core/ColumnBuilder.js';
import { WASM_MAX_BYTES, WASM_SLACK, wasmKernels } from '../aedat4/codecs/wasm/wasmKernels.js';

/** Where the records are copied (after the kernels' error registers). */
const COPY_BASE = 16;
const RECORD_BYTES = 8;
/** Bytes of the four columns per event: t f64, x u16, y u16, p u8. */
const COLUMN_BYTES = 13;

/** What a run of AEDAT 2.0 records held besides the events kept. */
export interface Aedat2Counts {
  readonly kept: number;
  readonly imu: number;
  readonly aps: number;
  readonly external: number;
  readonly outside: number;
}

/**
 * Appends the events of the whole 8-byte AEDAT 2.0 records in `bytes` to `out` with jAER's
 * `layout` (those with x < width and y < height), split into columns by lz4.wat's `aedat2` kernel
 * and copied into the builder with one `.set` per column. The JS loops of Aedat2Decoder are the
 * reference (same output, same counts).
 * @returns the counts, or null when WebAssembly is unavailable or the records do not fit its
 *   memory (nothing appended; use JS).
 */
export function aedat2RecordsWasm(bytes: Uint8Array, out: ColumnBuilder, layout: 'dvs128' | 'davis', width: number, height: number): Aedat2Counts | null {
  const k = wasmKernels();
  if (k === null) return null;
  const n = Math.floor(bytes.length / RECORD_BYTES);
  const col = Math.ceil((COPY_BASE + n * RECORD_BYTES) / 8) * 8;
  const need = col + n * COLUMN_BYTES;
  if (need + WASM_SLACK >= WASM_MAX_BYTES || k.reserve(need) === 0) return null;
  const buf = k.memory.buffer; // read after reserve: growing replaces the buffer
  new Uint8Array(buf).set(bytes.subarray(0, n * RECORD_BYTES), COPY_BASE);
  const [kept, imu, aps, external, outside] = k.aedat2(COPY_BASE, n, layout === 'davis' ? 1 : 0, width, height, col);
  if (kept < 0) throw new RangeError(`lz4.wat aedat2: ${n} records do not fit in memory`);
  out.reserve(kept);
  const at = out.n;
  out.t.set(new Float64Array(buf, col, kept), at);
  out.x.set(new Uint16Array(buf, col + 8 * n, kept), at);
  out.y.set(new Uint16Array(buf, col + 10 * n, kept), at);
  out.p.set(new Uint8Array(buf, col + 12 * n, kept), at);
  out.n = at + kept;
  return { kept, imu, aps, external, outside };
}
