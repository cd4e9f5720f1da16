/**
 * The regular-expression XML parser that src/aedat/aedat4/infoNodeXml.ts used before its
 * single-loop scanner: kept here, in the tests only, as the oracle the scanner must agree with.
 */
import { XmlSyntaxError, type XmlElement } from '../../../src/aedat/aedat4/infoNodeXml.js';

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /[A-Za-z_:][\w.:-]*/y;
const ATTR = /\s*([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /\s*(\/?)>/y;

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

/** Skips `<?…?>`, `<!--…-->` and `<!…>`; returns the position after it. */
function skipMarkup(src: string, i: number): number {
  const close = src.startsWith('<?', i) ? '?>' : src.startsWith('<!--', i) ? '-->' : '>';
  const j = src.indexOf(close, i + 2);
  if (j < 0) throw new XmlSyntaxError(i, `'${close}'`);
  return j + close.length;
}

/** Parses `<name attr="v" …>` or `<name …/>` at `i`; returns the element and where it ends. */
function openTag(src: string, i: number): { el: XmlElement; end: number; empty: boolean } {
  NAME.lastIndex = i + 1;
  const name = NAME.exec(src);
  if (!name) throw new XmlSyntaxError(i + 1, 'an element name');
  const attrs: Record<string, string> = {};
  let at = NAME.lastIndex;
  for (;;) {
    ATTR.lastIndex = at;
    const a = ATTR.exec(src);
    if (!a) break;
    attrs[a[1]!] = decodeEntities(a[2] ?? a[3] ?? '');
    at = ATTR.lastIndex;
  }
  TAG_END.lastIndex = at;
  const end = TAG_END.exec(src);
  if (!end) throw new XmlSyntaxError(at, `'>' or '/>' closing <${name[0]}>`);
  return { el: { name: name[0], attrs, children: [], text: '' }, end: TAG_END.lastIndex, empty: end[1] === '/' };
}

/**
 * A small, strict-enough XML parser for DV's infoNode: elements, attributes, text, CDATA,
 * comments, processing instructions and DOCTYPE (skipped). No namespaces, no DTD entities.
 * Linear in the input, no recursion (so deep nesting cannot overflow the stack).
 * @throws XmlSyntaxError on unclosed or mismatched tags, or content outside the root element.
 */
export function parseXmlRegex(src: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? src.length : lt;
    if (textEnd > i) addText(stack, src.slice(i, textEnd), i);
    if (lt < 0) break;
    i = lt;
    if (src.startsWith('<![CDATA[', i)) {
      const j = src.indexOf(']]>', i);
      if (j < 0) throw new XmlSyntaxError(i, "']]>'");
      addText(stack, src.slice(i + 9, j), i, true);
      i = j + 3;
    } else if (src.startsWith('<?', i) || src.startsWith('<!', i)) {
      i = skipMarkup(src, i);
    } else if (src.startsWith('</', i)) {
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
