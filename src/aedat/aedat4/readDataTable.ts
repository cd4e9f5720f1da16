import { addCount } from '../../addCount.js';
import type { Cursor } from './Cursor.js';
import { bodyError } from './decodeSupport.js';
import { type Aedat4TableEntry, PACKET_IDS, decodeDataTable } from './packets.js';
import type { PacketBodyDecoder } from './PacketBodyDecoder.js';
import type { PacketIndex } from './PacketIndex.js';

/**
 * The data table phase: reads the FileDataTable from the bytes at dataTablePosition (at most
 * `maxBytes` of them; the table is compressed like the packets) and counts its disagreements with
 * the packets walked as skipped `table_mismatch`. At the end of input (`atEnd`), a table cut short
 * is a truncation. Does not consume.
 * @throws DecodeError
 */
export function readDataTable(
  c: Cursor, body: PacketBodyDecoder, maxBytes: number, atEnd: boolean, index: PacketIndex, skipped: Record<string, number>,
): Aedat4TableEntry[] {
  const at = c.offset; // an empty table region is a truncation too (no frame header)
  const fb = body.unpack(c.queue.peek(Math.min(c.queue.length, maxBytes))!, at, PACKET_IDS.table, atEnd);
  let table: Aedat4TableEntry[];
  try {
    table = decodeDataTable(fb);
  } catch (e) {
    throw bodyError(e, at, body.uncompressed ? 4 : -1);
  }
  const bad = index.mismatches(table);
  if (bad > 0) addCount(skipped, 'table_mismatch', bad);
  return table;
}
