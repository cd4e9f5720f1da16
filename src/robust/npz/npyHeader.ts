import { DecodeError } from '../../errors.js';

/** The three fields of an `.npy` header dict. */
export interface NpyHeader {
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
}

/** Most dimensions a header may declare (numpy's own limit is 64). */
const MAX_DIMS = 64;

type Value = string | boolean | number[];

/**
 * A strict reader of the Python literal numpy writes as the header:
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`. Only string, True/False and
 * tuple-of-int values are accepted (never evaluated), and exactly the three keys numpy defines.
 */
class DictReader {
  private i = 0;
  constructor(private readonly s: string, private readonly base: number) {}

  fail(expected: string): never {
    throw new DecodeError('npy', this.base + this.i, `header ${expected}`, JSON.stringify(this.s.slice(this.i, this.i + 20)));
  }

  skipSpace(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i]!)) this.i++;
  }

  /** Consumes `c` if it is next (after spaces). */
  eat(c: string): boolean {
    this.skipSpace();
    if (this.s[this.i] !== c) return false;
    this.i++;
    return true;
  }

  expect(c: string): void {
    if (!this.eat(c)) this.fail(`'${c}'`);
  }

  string(): string {
    this.skipSpace();
    const q = this.s[this.i];
    if (q !== "'" && q !== '"') this.fail('a quoted string');
    const end = this.s.indexOf(q, this.i + 1);
    if (end < 0) this.fail('a closing quote');
    const v = this.s.slice(this.i + 1, end);
    if (v.includes('\\')) this.fail('a string without escapes');
    this.i = end + 1;
    return v;
  }

  int(): number {
    this.skipSpace();
    const m = /^\d{1,15}/.exec(this.s.slice(this.i, this.i + 16));
    if (m === null) this.fail('a non-negative integer');
    this.i += m[0].length;
    return Number(m[0]);
  }

  tuple(): number[] {
    this.expect('(');
    const dims: number[] = [];
    while (!this.eat(')')) {
      if (dims.length >= MAX_DIMS) this.fail(`at most ${MAX_DIMS} dimensions`);
      dims.push(this.int());
      // A 1-tuple needs its comma, `(3)` is an int in Python, not a shape.
      if (!this.eat(',')) {
        if (dims.length === 1) this.fail("',' after a 1-tuple's element");
        this.expect(')');
        break;
      }
    }
    return dims;
  }

  value(): Value {
    this.skipSpace();
    const rest = this.s.slice(this.i, this.i + 5);
    if (rest.startsWith('True')) { this.i += 4; return true; }
    if (rest.startsWith('False')) { this.i += 5; return false; }
    return this.s[this.i] === '(' ? this.tuple() : this.string();
  }

  dict(): Map<string, Value> {
    const out = new Map<string, Value>();
    this.expect('{');
    while (!this.eat('}')) {
      const key = this.string();
      if (out.has(key)) this.fail(`key ${key} once`);
      this.expect(':');
      out.set(key, this.value());
      if (!this.eat(',')) { this.expect('}'); break; }
    }
    this.skipSpace();
    if (this.i !== this.s.length) this.fail('to end after the dict');
    return out;
  }
}

/**
 * Parses a header dict (the text after the length field). `offset` is the text's byte offset in
 * the file, for error messages.
 * @throws DecodeError (format `npy`) when the text is not exactly numpy's three-key dict.
 * @example parseNpyHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", 10);
 */
export function parseNpyHeader(text: string, offset: number): NpyHeader {
  const d = new DictReader(text, offset).dict();
  const descr = d.get('descr');
  const fortran = d.get('fortran_order');
  const shape = d.get('shape');
  if (d.size !== 3 || typeof descr !== 'string' || typeof fortran !== 'boolean' || !Array.isArray(shape)) {
    throw new DecodeError('npy', offset, "header keys 'descr' (str), 'fortran_order' (bool), 'shape' (tuple)", JSON.stringify(text.slice(0, 120)));
  }
  return { descr, fortranOrder: fortran, shape };
}

/**
 * The header dict text numpy writes: `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`,
 * padded with spaces and ended by `\n` so that `prefixBytes + text.length` is a multiple of 64.
 * @example formatNpyHeader({ descr: '<f4', fortranOrder: false, shape: [3] }, 10);
 */
export function formatNpyHeader(h: NpyHeader, prefixBytes: number): string {
  const dims = h.shape.length === 1 ? `(${h.shape[0]},)` : `(${h.shape.join(', ')})`;
  const dict = `{'descr': '${h.descr}', 'fortran_order': ${h.fortranOrder ? 'True' : 'False'}, 'shape': ${dims}, }`;
  const pad = (64 - ((prefixBytes + dict.length + 1) % 64)) % 64;
  return `${dict}${' '.repeat(pad)}\n`;
}
