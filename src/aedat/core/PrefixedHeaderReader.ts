import { DecodeError, TruncatedInputError } from '../../errors.js';

/** The text header of a file, once its end has been seen. */
export interface TextHeader {
  /** Header lines without their line ending (LF or CRLF). */
  readonly lines: readonly string[];
  /** Size of the header in bytes, i.e. the file offset of the first data byte. */
  readonly headerBytes: number;
  /** Bytes received after the header (the start of the data), in order. */
  readonly rest: readonly Uint8Array[];
}

const LF = 0x0a;
const SLICE_BYTES = 64 * 1024;
const latin1 = new TextDecoder('latin1');

/**
 * Reads a header made of lines that start with a prefix (`#` for AEDAT, `% ` for Prophesee),
 * incrementally: bytes are scanned once however they are chunked. The header ends at the first
 * line that does not start with the prefix, or right after `endLine` when given.
 */
export class PrefixedHeaderReader {
  private buf: Uint8Array = new Uint8Array(0);
  private len = 0;
  /** `buf` is a view of the caller's chunk (scanned in place), not the reader's copy. */
  private borrowed = false;
  private lineStart = 0;
  private scanFrom = 0;
  private readonly endBytes: Uint8Array | undefined;
  private readonly opaque: Uint8Array | undefined;

  constructor(
    private readonly format: string,
    private readonly prefix: Uint8Array,
    private readonly maxBytes: number,
    endLine?: string,
    /**
     * Lines from the first one starting with this text are part of the header but not decoded
     * into `lines` (jAER's preferences XML: ~170 KB that nothing reads, and costly to decode).
     */
    opaqueFrom?: string,
  ) {
    this.endBytes = endLine === undefined ? undefined : new TextEncoder().encode(endLine);
    this.opaque = opaqueFrom === undefined ? undefined : new TextEncoder().encode(opaqueFrom);
  }

  /**
   * Feeds a chunk. Returns the header once its end is known, null when more bytes are needed.
   * @throws DecodeError when the header grows beyond `maxBytes`.
   */
  feed(chunk: Uint8Array): TextHeader | null {
    // A slice at a time, so a large chunk holding header and data is not scanned or copied whole.
    for (let at = 0; at < chunk.length; at += SLICE_BYTES) {
      const end = Math.min(chunk.length, at + SLICE_BYTES);
      const h = this.scanSlice(chunk.subarray(at, end));
      if (h === null) continue;
      if (end === chunk.length) return h;
      // read in place, the chunk is the input's start: its data is one view (decoded in one go)
      return { ...h, rest: this.borrowed ? [chunk.subarray(h.headerBytes)] : [...h.rest, chunk.subarray(end)] };
    }
    return null;
  }

  /**
   * Scans the next slice. While nothing is buffered, in place: a header that ends inside it is
   * returned with views of it (a whole small file pushed at once is not copied; the copies were a
   * tenth of decoding one); otherwise the slice is kept in the reader's own buffer.
   */
  private scanSlice(slice: Uint8Array): TextHeader | null {
    if (this.len > 0 || slice.length > this.maxBytes + this.prefix.length + 2) {
      this.append(slice); // throws for a header past maxBytes
      return this.scan(false);
    }
    const own = this.buf;
    this.buf = slice;
    this.len = slice.length;
    this.borrowed = true;
    const h = this.scan(false);
    if (h !== null) return h;
    this.buf = own;
    this.len = 0;
    this.borrowed = false;
    this.append(slice);
    return null;
  }

  /**
   * Ends the input: a header that fills the whole file ends here.
   * @throws TruncatedInputError when the input stops inside a header line.
   */
  finish(): TextHeader {
    const h = this.scan(true);
    if (h !== null) return h;
    throw new TruncatedInputError(this.format, this.lineStart, 'end of header line', 'end of input');
  }

  private scan(atEnd: boolean): TextHeader | null {
    for (;;) {
      const avail = this.len - this.lineStart;
      const cmp = Math.min(avail, this.prefix.length);
      for (let i = 0; i < cmp; i++) {
        if (this.buf[this.lineStart + i] !== this.prefix[i]) return this.done();
      }
      if (avail < this.prefix.length) return atEnd && avail === 0 ? this.done() : null;
      const nl = this.buf.subarray(0, this.len).indexOf(LF, Math.max(this.scanFrom, this.lineStart));
      if (nl < 0) {
        this.scanFrom = this.len;
        return null;
      }
      const isEnd = this.isEndLine(this.lineStart, nl);
      this.lineStart = nl + 1;
      if (isEnd) return this.done();
    }
  }

  /** Offset of the first header line that starts with `marker`, else the header's end. */
  private lineStarting(marker: Uint8Array): number {
    const buf = this.buf.subarray(0, this.lineStart);
    let at = 0;
    while (at < buf.length) {
      let i = 0;
      while (i < marker.length && buf[at + i] === marker[i]) i++;
      if (i === marker.length) return at;
      const nl = buf.indexOf(LF, at);
      if (nl < 0) break;
      at = nl + 1;
    }
    return this.lineStart;
  }

  /** True when bytes [start, nl) are the end line (with or without CR). */
  private isEndLine(start: number, nl: number): boolean {
    const end = this.endBytes;
    if (end === undefined) return false;
    const stop = nl > start && this.buf[nl - 1] === 0x0d ? nl - 1 : nl;
    if (stop - start !== end.length) return false;
    for (let i = 0; i < end.length; i++) if (this.buf[start + i] !== end[i]) return false;
    return true;
  }

  /** Lines are decoded once, at the end: one text decode for the whole header, not one a line. */
  private done(): TextHeader {
    const decodedEnd = this.opaque === undefined ? this.lineStart : this.lineStarting(this.opaque);
    const text = latin1.decode(this.buf.subarray(0, decodedEnd));
    const lines = text.length === 0 ? [] : text.slice(0, -1).split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    return {
      lines,
      headerBytes: this.lineStart,
      rest: [this.borrowed ? this.buf.subarray(this.lineStart, this.len) : this.buf.slice(this.lineStart, this.len)],
    };
  }

  private append(chunk: Uint8Array): void {
    const need = this.len + chunk.length;
    if (need > this.maxBytes + this.prefix.length + 2) {
      throw new DecodeError(
        this.format,
        this.lineStart,
        `a header of at most ${this.maxBytes} bytes`,
        `more than ${this.maxBytes} bytes of header lines`,
      );
    }
    if (need > this.buf.length) {
      const bigger = new Uint8Array(Math.max(need, this.buf.length * 2, 4096));
      bigger.set(this.buf.subarray(0, this.len));
      this.buf = bigger;
    }
    this.buf.set(chunk, this.len);
    this.len = need;
  }
}
