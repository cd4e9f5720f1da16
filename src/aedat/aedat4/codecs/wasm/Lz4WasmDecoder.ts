import type { BodyDecompressor } from '../Codec.js';
import { Aedat4BodyError } from '../CodecError.js';
import { lz4BlockErrors } from '../lz4Block.js';
import { Lz4FrameDecoder, type Lz4BlockSink, lz4BlocksEnd, readLz4Frame } from '../lz4Frame.js';
import { type Lz4WasmExports, WASM_MAX_BYTES, WASM_RESULT, WASM_SLACK, wasmKernels } from './wasmKernels.js';

/** Where the frame is copied in wasm memory (below: the kernels' error registers). */
const IN_BASE = 16;
/** Readable bytes after the frame (literal copies read 16 bytes at a time). */
const IN_PAD = 16;
/** Error kinds of the kernels' register 0 (lz4.wat). */
const KIND = { lengthByte: 1, literals: 2, offsetMissing: 3, offset: 4 } as const;

/**
 * An LZ4 frame decoder whose blocks run in WebAssembly (lz4.wat); the frame header and block
 * list are read by the same JS as {@link Lz4FrameDecoder} ({@link readLz4Frame}), and the kernel
 * checks sequences in the same order as the JS block decoder, so output and errors are the same.
 *
 * The frame is copied into wasm memory, and output is written after it; memory grows as the real
 * output does (doubling), never because a block declares 4 MiB. The returned bytes are a view on
 * wasm memory that the next call (of any decoder) reuses or detaches. When the output cannot fit
 * in wasm memory (2 GiB), or WebAssembly is unavailable, a JS {@link Lz4FrameDecoder} decodes
 * the frame.
 * @example
 * const dec = new Lz4WasmDecoder();
 * const { bytes, consumed } = dec.decompress(body, 1 << 20); // use bytes before the next call
 */
export class Lz4WasmDecoder implements BodyDecompressor {
  private k: Lz4WasmExports | null = null;
  private outBase = 0;
  private fallback: Lz4FrameDecoder | null = null;
  private readonly sink: Lz4BlockSink = {
    begin: (src, dataAt, blockSum) => this.begin(src, lz4BlocksEnd(src, dataAt, blockSum)),
    stored: (_src, s, size, d) => this.stored(s, size, d),
    compressed: (_src, s, size, d, hard) => this.block(s, size, d, hard),
  };

  /** @throws Aedat4BodyError on a malformed frame or output above `maxBytes` (as Lz4FrameDecoder). */
  decompress(src: Uint8Array, maxBytes: number): { bytes: Uint8Array; consumed: number } {
    this.k = wasmKernels(true);
    const r = this.k === null ? null : readLz4Frame(src, maxBytes, this.sink);
    if (r === null || this.k === null) {
      this.fallback ??= new Lz4FrameDecoder();
      return this.fallback.decompress(src, maxBytes);
    }
    return { bytes: new Uint8Array(this.k.memory.buffer, this.outBase, r.length), consumed: r.consumed };
  }

  /** Copies `src[0, end)` into wasm memory, then padding; output starts after that, 16-aligned. */
  private begin(src: Uint8Array, end: number): void {
    const k = this.k!;
    this.outBase = Math.ceil((IN_BASE + end + IN_PAD) / 16) * 16;
    if (this.outBase + WASM_SLACK >= WASM_MAX_BYTES || k.reserve(this.outBase) === 0) {
      this.outBase = -1; // blocks give up: the JS decoder takes the frame
      return;
    }
    const mem = new Uint8Array(k.memory.buffer);
    mem.set(src.subarray(0, end), IN_BASE);
    mem.fill(0, IN_BASE + end, this.outBase);
  }

  private stored(s: number, size: number, d: number): boolean {
    const at = this.outBase + d;
    if (this.outBase < 0 || at + size + WASM_SLACK >= WASM_MAX_BYTES) return false;
    return this.k!.stored(IN_BASE + s, size, at) >= 0;
  }

  /** Decodes one block in wasm. @returns the new output position, -1 to give up. */
  private block(s: number, size: number, d: number, hard: number): number {
    const base = this.outBase;
    if (base < 0) return -1;
    // the limit is clamped to what wasm can address; reaching a clamped limit means giving up
    const limit = Math.min(base + hard, WASM_MAX_BYTES - WASM_SLACK - 1);
    const r = this.k!.block(IN_BASE + s, IN_BASE + s + size, base + d, limit, base);
    if (r >= 0) return r - base;
    if (r === WASM_RESULT.overLimit && limit === base + hard) throw lz4BlockErrors.overflow(s, hard);
    if (r === WASM_RESULT.malformed) throw this.malformed();
    return -1; // out of wasm memory, or a clamped limit
  }

  /** The error the JS decoder throws for the fault the kernel recorded in its registers. */
  private malformed(): Aedat4BodyError {
    const regs = new Int32Array(this.k!.memory.buffer, 0, 4);
    const s = regs[1]! - IN_BASE;
    switch (regs[0]) {
      case KIND.lengthByte: return lz4BlockErrors.lengthByte(s);
      case KIND.literals: return lz4BlockErrors.literals(s, regs[2]!);
      case KIND.offsetMissing: return lz4BlockErrors.offsetMissing(s);
      case KIND.offset: return lz4BlockErrors.offset(s, regs[2]!, regs[3]!);
      default: return new Aedat4BodyError(s, 'a fault lz4.wat names', `kind ${regs[0]}`);
    }
  }
}
