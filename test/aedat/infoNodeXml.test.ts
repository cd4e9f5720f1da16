import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/aedat/aedat4/infoNodeXml.js';
import { FIXTURES } from '../helpers/samples.js';
import { parseXmlRegex } from './oracles/regexXml.js';

/** The outcome of a parse, comparable: the tree, or the error's message. */
function outcome(parse: (s: string) => unknown, src: string): unknown {
  try {
    return { tree: parse(src) };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

const TOKENS = ['<', '>', '/', '/>', '=', '"', "'", ' ', '\n', '\t', '\u00a0', '\u2028', '\ufeff', 'a', 'node', 'attr', 'x1', '-', '.', ':', '_', 'é',
  '<!--', '-->', '<?xml?>', '<!DOCTYPE dv>', '<![CDATA[', ']]>', '&amp;', '&#x41;', '&#9999999;', '&bogus;', '</a>', '<a>', '<a/>', ' k="v"', " k='v'", 'k = "v"', '"<"'];

/** Well-formed-ish documents: nested elements with attributes, text and whitespace. */
const element: fc.Memo<string> = fc.memo((depth) => fc.tuple(
  fc.constantFrom('dv', 'node', 'attr', 'a:b', 'x-1', '_n'),
  fc.array(fc.tuple(fc.constantFrom('name', 'key', 'type', 'path', 'k'), fc.constantFrom('0', 'outInfo', 'a&amp;b', 'x y', '', '&#x3c;'), fc.constantFrom('"', "'"), fc.constantFrom('', ' ', '\n  ', '\u00a0')), { maxLength: 3 }),
  depth <= 1 ? fc.constant([] as string[]) : fc.array(fc.oneof(element(depth - 1), fc.constantFrom('text', ' 346 ', '\n    ', '&lt;', '<![CDATA[<x>]]>', '<!-- c -->')), { maxLength: 4 }),
  fc.boolean(),
).map(([name, attrs, kids, selfClose]) => {
  const a = attrs.map(([k, v, q, sp]) => `${sp === '' ? ' ' : sp}${k}=${q}${v}${q}`).join('');
  return selfClose && kids.length === 0 ? `<${name}${a}/>` : `<${name}${a}>${kids.join('')}</${name}>`;
}));

describe('infoNode XML scanner', () => {
  it('agrees with the regular-expression parser it replaced, on token soup', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), (tokens) => {
      const src = tokens.join('');
      expect(outcome(parseXml, src)).toEqual(outcome(parseXmlRegex, src));
    }), { numRuns: 3000 });
  });

  it('agrees on documents, whole and with one character cut or inserted', () => {
    fc.assert(fc.property(element(4), fc.nat(), fc.constantFrom('', '<', '>', '"', '/', ' ', '='), (doc, at, insert) => {
      const cut = at % (doc.length + 1);
      for (const src of [`<?xml version="1.0"?>\n${doc}\n`, doc.slice(0, cut) + insert + doc.slice(cut + (insert === '' ? 1 : 0))]) {
        expect(outcome(parseXml, src), src).toEqual(outcome(parseXmlRegex, src));
      }
    }), { numRuns: 2000 });
  });

  it('parses the DV header of a real recording as before', () => {
    const b = readFileSync(join(FIXTURES, 'aedat4_davis346_evlib_sample.aedat4'));
    const text = b.subarray(18, 18 + b.readUInt32LE(14)).toString('latin1');
    const xml = text.slice(text.indexOf('<dv'), text.lastIndexOf('</dv>') + 5);
    const tree = parseXml(xml);
    expect(tree).toEqual(parseXmlRegex(xml));
    expect(tree.children[0]!.attrs['name']).toBe('outInfo');
  });
});
