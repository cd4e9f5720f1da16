import type { StreamInfo } from '../core/types.js';
import { COMPRESSION_NAMES, type CompressionName } from './codecs/Codec.js';
import { Aedat4BodyError } from './codecs/CodecError.js';
import { fileIdentifier, readI32, readI64, readString, rootTable } from './flatRead.js';
import { type XmlElement, parseXml } from './infoNodeXml.js';

/** `#!AER-DAT4.0\r\n`: the 14 bytes every AEDAT 4.0 file starts with. */
export const AEDAT4_MAGIC = new TextEncoder().encode('#!AER-DAT4.0\r\n');
/** IOHeader flatbuffer slots (dv `IOHeader.fbs`). */
const IOHEADER = { compression: 0, dataTablePosition: 1, infoNode: 2 } as const;
const IOHEADER_ID = 'IOHE';

/** What the IOHeader says. */
export interface Aedat4IoHeader {
  readonly compression: CompressionName;
  /** Absolute file offset of the FileDataTable, or -1 when there is none. */
  readonly dataTablePosition: number;
  /** The infoNode XML, verbatim. */
  readonly infoNode: string;
  readonly streams: readonly StreamInfo[];
}

/**
 * Reads an IOHeader flatbuffer (not size-prefixed, identifier `IOHE`). Absent fields take the
 * schema defaults: compression NONE, dataTablePosition -1.
 * @throws Aedat4BodyError on a malformed flatbuffer or an unknown compression;
 *   XmlSyntaxError on a malformed infoNode.
 */
export function parseIoHeader(buf: Uint8Array): Aedat4IoHeader {
  const id = fileIdentifier(buf);
  if (id !== IOHEADER_ID) throw new Aedat4BodyError(4, `identifier ${IOHEADER_ID}`, JSON.stringify(id));
  const t = rootTable(buf);
  const code = readI32(t, IOHEADER.compression, 0);
  const compression = COMPRESSION_NAMES[code];
  if (compression === undefined) throw new Aedat4BodyError(t.pos, 'compression 0..4', `${code}`);
  const infoNode = readString(t, IOHEADER.infoNode);
  return {
    compression,
    dataTablePosition: readI64(t, IOHEADER.dataTablePosition, -1),
    infoNode,
    streams: streamsFromInfoNode(infoNode),
  };
}

function child(el: XmlElement, name: string, nameAttr?: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name && (nameAttr === undefined || c.attrs['name'] === nameAttr));
}

/** `<attr key=…>value</attr>` children of a node, as a map. */
function attrsOf(node: XmlElement | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of node?.children ?? []) {
    const key = c.attrs['key'];
    if (c.name === 'attr' && key !== undefined) m.set(key, c.text.trim());
  }
  return m;
}

function positiveInt(s: string | undefined): number | undefined {
  if (s === undefined || !/^\d{1,9}$/.test(s)) return undefined;
  const v = Number(s);
  return v > 0 ? v : undefined;
}

/**
 * The streams DV declares under `/outInfo/`: id from each child node's `name`, type from its
 * `typeIdentifier` attr, size and source from its `info` node. Children whose name is not a
 * non-negative integer are ignored. An infoNode without `outInfo` declares no stream.
 * @throws XmlSyntaxError on malformed XML.
 */
function streamsFromInfoNode(xml: string): StreamInfo[] {
  if (xml.trim() === '') return [];
  const outInfo = child(parseXml(xml), 'node', 'outInfo');
  const streams: StreamInfo[] = [];
  for (const node of outInfo?.children ?? []) {
    const name = node.attrs['name'] ?? '';
    if (node.name !== 'node' || !/^\d{1,9}$/.test(name)) continue;
    const attrs = attrsOf(node);
    const info = attrsOf(child(node, 'node', 'info'));
    const width = positiveInt(info.get('sizeX'));
    const height = positiveInt(info.get('sizeY'));
    const source = info.get('source');
    streams.push({
      id: Number(name),
      type: attrs.get('typeIdentifier') ?? '',
      ...(width !== undefined && height !== undefined ? { width, height } : {}),
      ...(source !== undefined ? { source } : {}),
    });
  }
  return streams.sort((a, b) => a.id - b.id);
}
