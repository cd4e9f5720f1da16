/**
 * Tiny EVT 2.0 / EVT 3.0 / DAT encoders for the Prophesee decoder tests, written from the
 * FORMATS.md tables (independently of the decoder's code).
 */

/** `% ` header lines, each ended by LF (or CRLF). */
export function header(lines: readonly string[], eol = '\n'): number[] {
  return Array.from(new TextEncoder().encode(lines.map((l) => `% ${l}${eol}`).join('')));
}

const u32 = (w: number) => [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff];
const u16 = (w: number) => [w & 0xff, (w >>> 8) & 0xff];

/** EVT 2.0 words as LE bytes. */
export const evt2 = {
  cd: (x: number, y: number, p: number, tsLow: number) =>
    u32(((p & 0xf) << 28) | ((tsLow & 0x3f) << 22) | ((x & 0x7ff) << 11) | (y & 0x7ff)),
  timeHigh: (high: number) => u32((0x8 << 28) | (high & 0x0fffffff)),
  trigger: (value: number, id: number, tsLow: number) =>
    u32((0xa << 28) | ((tsLow & 0x3f) << 22) | ((id & 0x1f) << 8) | (value & 1)),
  raw: (type: number, payload = 0) => u32(((type & 0xf) << 28) | (payload & 0x0fffffff)),
  /** TIME_HIGH then a CD event at time t (µs, < 2^34). */
  at: (t: number, x: number, y: number, p: number) => [
    ...evt2.timeHigh(Math.floor(t / 64)), ...evt2.cd(x, y, p, t % 64),
  ],
};

/** EVT 3.0 words as LE bytes. */
export const evt3 = {
  addrY: (y: number, orig = 0) => u16((0x0 << 12) | ((orig & 1) << 11) | (y & 0x7ff)),
  emAddrY: (y: number) => u16((0x1 << 12) | (y & 0x7ff)),
  addrX: (x: number, p: number) => u16((0x2 << 12) | ((p & 1) << 11) | (x & 0x7ff)),
  vectBaseX: (x: number, p: number) => u16((0x3 << 12) | ((p & 1) << 11) | (x & 0x7ff)),
  vect12: (valid: number) => u16((0x4 << 12) | (valid & 0xfff)),
  vect8: (valid: number) => u16((0x5 << 12) | (valid & 0xff)),
  timeLow: (low: number) => u16((0x6 << 12) | (low & 0xfff)),
  timeHigh: (high: number) => u16((0x8 << 12) | (high & 0xfff)),
  trigger: (value: number, id: number) => u16((0xa << 12) | ((id & 0xf) << 8) | (value & 1)),
  raw: (type: number, payload = 0) => u16(((type & 0xf) << 12) | (payload & 0xfff)),
  /** TIME_HIGH + TIME_LOW for t (µs, < 2^24). */
  time: (t: number) => [...evt3.timeHigh(t >>> 12), ...evt3.timeLow(t & 0xfff)],
};

/** DAT pieces as LE bytes. */
export const dat = {
  header: (lines: readonly string[], type = 0, size = 8) => [...header(lines), type, size],
  cd: (t: number, x: number, y: number, p: number) =>
    [...u32(t), ...u32(((p & 1) << 28) | ((y & 0x3fff) << 14) | (x & 0x3fff))],
  trigger: (t: number, value: number, id: number) => [...u32(t), ...u32(((id & 0x3f) << 26) | (value & 0xf))],
};

/** The standard old-style RAW header of the samples, with the given evt version. */
export const rawHeader = (evt: string, plugin = 'hal_plugin_gen3_fx3') =>
  header(['Date 2020-09-14 09:03:25', `plugin_name ${plugin}`, `evt ${evt}`]);

/** Counts the word types (bits 31–28 / 15–12) of an EVT body. */
export function wordTypes(body: Uint8Array, wordBytes: 2 | 4): number[] {
  const counts = new Array<number>(16).fill(0);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  for (let at = 0; at + wordBytes <= body.length; at += wordBytes) {
    const type = wordBytes === 4 ? view.getUint32(at, true) >>> 28 : view.getUint16(at, true) >>> 12;
    counts[type]!++;
  }
  return counts;
}
