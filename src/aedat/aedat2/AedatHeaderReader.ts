import { DecodeError, TruncatedInputError } from '../../errors.js';
import { PrefixedHeaderReader, type TextHeader } from '../core/PrefixedHeaderReader.js';
import { describeByte } from '../core/describeBytes.js';

const HASH = new Uint8Array([0x23]);
const VERSION_PREFIX = '#!AER-DAT';
/** jAER's preferences XML follows this line; no `Key: value` entries are read after it. */
const PREFERENCES_START = '#Start of Preferences';
/** `# Key: value` or `#Key: value` (AEDAT 3.x writes no space); keys start with a letter. */
const KEY_VALUE = /^#\s?([A-Za-z][\w .-]*?):\s*(.*)$/;
/** Old jAER writes `# created <date>` without a colon after the key. */
const CREATED = /^# created (.+)$/;
const MILLIS = /currentTimeMillis\(\)\s*(\d+)/;

/**
 * Reads the `#` text header of an AEDAT 2.0 / 3.x file incrementally (LF or CRLF lines, bounded by
 * `maxBytes`), checking the version line `#!AER-DAT<major>.` byte by byte as it arrives so that a
 * foreign input fails at once instead of being buffered as header text.
 */
export class AedatHeaderReader {
  private readonly magic: Uint8Array;
  private seen = 0;
  private readonly lines: PrefixedHeaderReader;

  /**
   * @param format  format name used in errors (`aedat2`, `aedat3`)
   * @param major   required major version (2 or 3)
   * @param maxBytes largest header accepted, in bytes
   * @param endLine line that ends the header (AEDAT 3.1 `#!END-HEADER`), else the first non-`#` line
   */
  constructor(
    private readonly format: string,
    major: number,
    maxBytes: number,
    endLine?: string,
  ) {
    this.magic = new TextEncoder().encode(`${VERSION_PREFIX}${major}.`);
    const opaque = major === 2 ? PREFERENCES_START : undefined;
    this.lines = new PrefixedHeaderReader(format, HASH, maxBytes, endLine, opaque);
  }

  /**
   * Feeds a chunk; returns the header once its end is known, else null.
   * @throws DecodeError when the version line is wrong or the header exceeds `maxBytes`.
   */
  feed(chunk: Uint8Array): TextHeader | null {
    this.checkMagic(chunk);
    return this.lines.feed(chunk);
  }

  /**
   * Ends the input (a header may fill the whole file).
   * @throws TruncatedInputError when the input stops inside the version line or any header line.
   */
  finish(): TextHeader {
    if (this.seen < this.magic.length) {
      const want = new TextDecoder().decode(this.magic);
      const got = this.seen === 0 ? 'an empty input' : `end of input after ${this.seen} bytes`;
      throw new TruncatedInputError(this.format, 0, `the version line "${want}…"`, got);
    }
    return this.lines.finish();
  }

  private checkMagic(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length && this.seen < this.magic.length; i++, this.seen++) {
      const b = chunk[i]!;
      if (b !== this.magic[this.seen]) {
        const want = new TextDecoder().decode(this.magic);
        throw new DecodeError(this.format, this.seen, `the version line "${want}…"`, describeByte(b));
      }
    }
  }
}

/**
 * Key/value entries of an AEDAT `#` header: every `# Key: value` line before jAER's preferences
 * block (e.g. `AEChip`, `HardwareInterface`, `Creation time`, AEDAT 3.x `Format`, `Source 1`,
 * `Start-Time`), `created` for old jAER's `# created <date>`, `creationTimeMs` (Unix ms) from
 * `currentTimeMillis() <ms>`, and `version` from the first line (e.g. `2.0`, `3.1`).
 * The first occurrence of a key wins.
 */
export function parseAedatMetadata(lines: readonly string[]): Record<string, string> {
  const meta: Record<string, string> = {};
  const set = (k: string, v: string): void => {
    if (!(k in meta)) meta[k] = v;
  };
  const first = lines[0] ?? '';
  if (first.startsWith(VERSION_PREFIX)) set('version', first.slice(VERSION_PREFIX.length).trim());
  for (const line of lines.slice(1)) {
    if (line.startsWith(PREFERENCES_START)) break;
    const created = CREATED.exec(line);
    if (created) {
      set('created', created[1]!.trim());
      continue;
    }
    const kv = KEY_VALUE.exec(line);
    if (!kv) continue;
    const value = kv[2]!.trim();
    set(kv[1]!.trim(), value);
    const ms = MILLIS.exec(value);
    if (ms) set('creationTimeMs', ms[1]!);
  }
  return meta;
}
