import { SpikeguardError } from '../../errors.js';

/** An element of a parsed XML document. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Concatenated character data directly inside the element, entities decoded. */
  text: string;
}

/** Malformed XML, with the character position of the fault. */
export class XmlSyntaxError extends SpikeguardError {
  override readonly name: string = 'XmlSyntaxError';
  constructor(readonly at: number, readonly expected: string) {
    super(`XML at character ${at}: expected ${expected}`);
  }
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Decodes the five named entities and numeric character references. */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return safeCodePoint(parseInt(e.slice(2), 16), m);
    if (e.startsWith('#')) return safeCodePoint(parseInt(e.slice(1), 10), m);
    return ENTITIES[e] ?? m;
  });
}

function safeCodePoint(cp: number, fallback: string): string {
  return cp <= 0x10ffff ? String.fromCodePoint(cp) : fallback;
}

/** JS's `\s`: the spaces allowed around attributes and before `>`. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/** `[A-Za-z_:]`, the first character of a name; with `more`, also `[0-9.-]` (the rest). */
function isNameChar(c: number, more: boolean): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || (more && ((c >= 48 && c <= 57) || c === 46 || c === 45));
}

/** Skips `<?…?>`, `<!--…-->` and `<!…>`; returns the position after it. */
function skipMarkup(src: string, i: number): number {
  const close = src.startsWith('<?', i) ? '?>' : src.startsWith('<!--', i) ? '-->' : '>';
  const j = src.indexOf(close, i + 2);
  if (j < 0) throw new XmlSyntaxError(i, `'${close}'`);
  return j + close.length;
}

/**
 * Parses `<name a="v" …>` or `<name …/>` at `i` (attributes need no space between them; a value
 * holds no `<`); returns the element and where it ends. One scanning loop, no regular
 * expressions: a DV header is parsed once per file, so most parses run before the JIT has
 * optimised anything, and this warms up in a few files (the regex version took hundreds).
 */
function openTag(src: string, i: number): { el: XmlElement; end: number; empty: boolean } {
  const n = src.length;
  let at = i + 1;
  if (at >= n || !isNameChar(src.charCodeAt(at), false)) throw new XmlSyntaxError(i + 1, 'an element name');
  while (++at < n && isNameChar(src.charCodeAt(at), true));
  const name = src.slice(i + 1, at);
  const attrs: Record<string, string> = {};
  for (;;) {
    let j = at;
    while (j < n && isSpace(src.charCodeAt(j))) j++;
    const from = j;
    if (j >= n || !isNameChar(src.charCodeAt(j), false)) break;
    while (++j < n && isNameChar(src.charCodeAt(j), true));
    const to = j;
    while (j < n && isSpace(src.charCodeAt(j))) j++;
    if (src.charCodeAt(j) !== 61 /* = */) break;
    while (++j < n && isSpace(src.charCodeAt(j)));
    const quote = src.charCodeAt(j);
    if (quote !== 34 && quote !== 39) break;
    let k = j + 1;
    while (k < n && src.charCodeAt(k) !== quote && src.charCodeAt(k) !== 60 /* < */) k++;
    if (k >= n || src.charCodeAt(k) !== quote) break;
    attrs[src.slice(from, to)] = decodeEntities(src.slice(j + 1, k));
    at = k + 1;
  }
  let j = at;
  while (j < n && isSpace(src.charCodeAt(j))) j++;
  const empty = src.charCodeAt(j) === 47; /* / */
  if (empty) j++;
  if (src.charCodeAt(j) !== 62 /* > */) throw new XmlSyntaxError(at, `'>' or '/>' closing <${name}>`);
  return { el: { name, attrs, children: [], text: '' }, end: j + 1, empty };
}

/**
 * A small, strict-enough XML parser for DV's infoNode: elements, attributes, text, CDATA,
 * comments, processing instructions and DOCTYPE (skipped). No namespaces, no DTD entities.
 * Linear in the input, no recursion (so deep nesting cannot overflow the stack).
 * @throws XmlSyntaxError on unclosed or mismatched tags, or content outside the root element.
 */
export function parseXml(src: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? src.length : lt;
    if (textEnd > i) addText(stack, src.slice(i, textEnd), i);
    if (lt < 0) break;
    i = lt;
    const next = src.charCodeAt(i + 1);
    if (next === 33 /* ! */ && src.startsWith('<![CDATA[', i)) {
      const j = src.indexOf(']]>', i);
      if (j < 0) throw new XmlSyntaxError(i, "']]>'");
      addText(stack, src.slice(i + 9, j), i, true);
      i = j + 3;
    } else if (next === 63 /* ? */ || next === 33) {
      i = skipMarkup(src, i);
    } else if (next === 47 /* / */) {
      const j = src.indexOf('>', i);
      const name = j < 0 ? '' : src.slice(i + 2, j).trim();
      const top = stack.pop();
      if (j < 0 || top?.name !== name) throw new XmlSyntaxError(i, `</${top?.name ?? '(no open element)'}>`);
      i = j + 1;
    } else {
      const { el, end, empty } = openTag(src, i);
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root) throw new XmlSyntaxError(i, 'a single root element');
      else root = el;
      if (!empty) stack.push(el);
      i = end;
    }
  }
  if (stack.length > 0) throw new XmlSyntaxError(src.length, `</${stack[stack.length - 1]!.name}>`);
  if (!root) throw new XmlSyntaxError(0, 'a root element');
  return root;
}

function addText(stack: XmlElement[], raw: string, at: number, cdata = false): void {
  const top = stack[stack.length - 1];
  if (top) top.text += cdata ? raw : decodeEntities(raw);
  else if (raw.trim() !== '') throw new XmlSyntaxError(at, 'markup, not text, outside the root element');
}
