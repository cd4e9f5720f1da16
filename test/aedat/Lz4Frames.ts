// Builders of LZ4 frames from explicit sequence plans, for the tests of the JS and WebAssembly
// LZ4 decoders: every branch of a block decoder (extra length bytes, overlapping matches, offsets
// of 1..16, long copies, matches into earlier blocks) is reachable from a plan.
import fc from 'fast-check';
import type { BodyDecompressor } from '../../src/aedat/aedat4/codecs/Codec.js';
import { Aedat4BodyError } from '../../src/aedat/aedat4/codecs/CodecError.js';
import { concat, u32le } from './Aedat4Fixtures.js';

/** One LZ4 sequence: literals, then a match (`len` 0: none, the block's last sequence). */
export interface Seq {
  lit: Uint8Array;
  /** Raw choice; reduced to 1..output-so-far when `valid`, used as is otherwise. */
  off: number;
  len: number;
}
export interface BlockPlan {
  seqs: Seq[];
  stored: boolean;
}
export interface FramePlan {
  blocks: BlockPlan[];
  bd: number;
  blockSum: boolean;
  contentSum: boolean;
  declareSize: boolean;
  valid: boolean;
}

function lengthBytes(n: number): number[] {
  const out: number[] = [];
  for (; n >= 255; n -= 255) out.push(255);
  out.push(n);
  return out;
}

/**
 * Encodes one block, appending what it decodes to onto `out` (offsets valid only if `valid`).
 * @returns the block, and whether all its offsets are valid.
 */
function encodeBlock(seqs: readonly Seq[], out: number[], valid: boolean): { enc: Uint8Array; ok: boolean } {
  let ok = valid;
  const bytes: number[] = [];
  for (const [i, q] of seqs.entries()) {
    const lit = q.lit.length;
    // only the last sequence may lack a match, and then it needs literals
    if (q.len === 0 && (i < seqs.length - 1 || lit === 0)) ok = false;
    const ml = q.len === 0 ? 0 : q.len - 4;
    bytes.push((Math.min(lit, 15) << 4) | (q.len === 0 ? 0 : Math.min(ml, 15)));
    if (lit >= 15) bytes.push(...lengthBytes(lit - 15));
    bytes.push(...q.lit);
    out.push(...q.lit);
    if (q.len === 0) continue;
    if (out.length === 0) ok = false;
    const off = valid && out.length > 0 ? 1 + (q.off % Math.min(out.length, 65535)) : q.off & 0xffff;
    bytes.push(off & 0xff, off >> 8);
    if (ml >= 15) bytes.push(...lengthBytes(ml - 15));
    for (let i = 0; i < q.len; i++) out.push(out[out.length - off] ?? 0);
  }
  return { enc: new Uint8Array(bytes), ok };
}

/** The frame for a plan, the bytes it decodes to, and whether it is valid (all offsets are). */
export function buildFrame(p: FramePlan): { frame: Uint8Array; expected: Uint8Array; valid: boolean } {
  const out: number[] = [];
  let valid = p.valid;
  const parts: Uint8Array[] = [];
  for (const b of p.blocks) {
    if (b.stored) {
      const raw = concat(b.seqs.map((q) => q.lit));
      out.push(...raw);
      parts.push(u32le((raw.length | 0x80000000) >>> 0), raw);
    } else {
      const { enc, ok } = encodeBlock(b.seqs, out, p.valid);
      valid &&= ok;
      if (enc.length === 0) continue; // a zero size is the end mark
      parts.push(u32le(enc.length), enc);
    }
    if (p.blockSum) parts.push(u32le(0xdeadbeef));
  }
  const flg = 0x40 | (p.blockSum ? 0x10 : 0) | (p.declareSize ? 0x08 : 0) | (p.contentSum ? 0x04 : 0);
  const head = [0x04, 0x22, 0x4d, 0x18, flg, p.bd << 4];
  const size = p.declareSize ? [...u32le(out.length), 0, 0, 0, 0] : [];
  const tail = p.contentSum ? [0, 0, 0, 0, 0, 0, 0, 0] : [0, 0, 0, 0];
  return { frame: concat([new Uint8Array([...head, ...size, 0x99]), ...parts, new Uint8Array(tail)]), expected: new Uint8Array(out), valid };
}

const seqArb = fc.record({
  lit: fc.oneof(
    { weight: 6, arbitrary: fc.uint8Array({ maxLength: 20 }) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 14, maxLength: 600 }) },
  ),
  off: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 0xffff })),
  len: fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 6, arbitrary: fc.integer({ min: 4, max: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: 18, max: 1200 }) },
  ),
});

/** Random frame plans: mostly valid, dependent blocks, every header option. */
export const framePlanArb: fc.Arbitrary<FramePlan> = fc.record({
  blocks: fc.array(fc.record({ seqs: fc.array(seqArb, { minLength: 1, maxLength: 12 }), stored: fc.boolean() }), { minLength: 0, maxLength: 4 }),
  bd: fc.constantFrom(4, 5, 6, 7),
  blockSum: fc.boolean(),
  contentSum: fc.boolean(),
  declareSize: fc.boolean(),
  valid: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

/** What a decompressor made of a frame: its bytes (copied) and length taken, or its error. */
export type Outcome =
  | { bytes: Uint8Array; consumed: number }
  | { error: string; at?: number; expected?: string; got?: string };

export function outcome(dec: BodyDecompressor, src: Uint8Array, maxBytes: number): Outcome {
  try {
    const r = dec.decompress(src, maxBytes);
    return { bytes: r.bytes.slice(), consumed: r.consumed };
  } catch (e) {
    if (e instanceof Aedat4BodyError) return { error: e.name, at: e.at, expected: e.expected, got: e.got };
    return { error: String(e) };
  }
}

/** Flips, overwrites, inserts or cuts bytes of `src` (positions and values from `edits`). */
export function mutate(src: Uint8Array, edits: readonly [number, number, number][]): Uint8Array {
  let b: Uint8Array = src.slice();
  for (const [kind, at, v] of edits) {
    if (b.length === 0) break;
    const i = at % b.length;
    if (kind === 0) b[i] = v & 0xff;
    else if (kind === 1) b[i] = b[i]! ^ (1 << (v & 7));
    else if (kind === 2) b = b.subarray(0, i).slice();
    else b = concat([b.subarray(0, i), new Uint8Array([v & 0xff]), b.subarray(i)]);
  }
  return b;
}

/** Edits for {@link mutate}: kind 0 set, 1 flip a bit, 2 cut, 3 insert. */
export const editsArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 4 });
