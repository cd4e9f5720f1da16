// Seed inputs of the decoder fuzz harness: one or more small valid files per format, so that each
// mutated input costs little and the mutations land in headers and packet framing often.
import type { FormatName } from '../../src/aedat/core/types.js';
import { fixture } from '../helpers/samples.js';
import { concatBytes } from '../helpers/bytes.js';
import { type Compression, buildFile, evtsPacket } from './Aedat4Fixtures.js';
import { evt2, header, rawHeader } from './propheseeEncoders.js';

/** One seed file; `fileName` lets auto-detection see the extension. */
export interface Seed {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const N = 300;
/** Deterministic pseudo-random integers in [0, mod) (a seed file must not change between runs). */
const pick = (i: number, mod: number) => ((i * 2654435761) >>> 7) % mod;

function aedat2Seed(): Uint8Array {
  const body = new Uint8Array(8 * N);
  const dv = new DataView(body.buffer);
  for (let i = 0; i < N; i++) {
    // DAVIS layout: y in bits 22–30, x in 12–21, polarity in bit 11 (big-endian records).
    dv.setUint32(8 * i, (pick(i, 260) << 22) | (pick(i + 7, 346) << 12) | ((i & 1) << 11), false);
    dv.setUint32(8 * i + 4, 1000 + 10 * i, false);
  }
  return concatBytes([fixture('aedat2_davis346red_header_only.aedat'), body]);
}

function aedat3Seed(): Uint8Array {
  const head = new TextEncoder().encode(
    ['#!AER-DAT3.1', '#Format: RAW', '#Source 1: DVS128', '#!END-HEADER'].map((l) => `${l}\r\n`).join(''));
  const packet = new Uint8Array(28 + 8 * N);
  const dv = new DataView(packet.buffer);
  dv.setInt16(0, 1, true); // polarity events
  dv.setInt16(2, 1, true); // source 1
  [8, 4, 0, N, N, N].forEach((v, i) => dv.setInt32(4 + 4 * i, v, true));
  for (let i = 0; i < N; i++) {
    dv.setUint32(28 + 8 * i, (pick(i, 128) << 17) | (pick(i + 3, 128) << 2) | ((i & 1) << 1) | 1, true);
    dv.setInt32(28 + 8 * i + 4, 10 * i, true);
  }
  return concatBytes([head, packet]);
}

function aedat4Seed(compression: Compression): Uint8Array {
  const events = Array.from({ length: N }, (_, i) => ({ t: 1000 + 5 * i, x: pick(i, 64), y: pick(i + 1, 48), p: i & 1 }));
  const packets = [0, 1, 2].map((k) => ({ streamId: 0, fb: evtsPacket(events.slice(k * 100, k * 100 + 100)) }));
  return buildFile(packets, { compression });
}

function evt2Seed(): Uint8Array {
  const words = Array.from({ length: N }, (_, i) => evt2.at(64 * i + (i % 64), pick(i, 640), pick(i + 1, 480), i & 1));
  return new Uint8Array([...header(['format EVT2;height=480;width=640']), ...words.flat()]);
}

/** The first `bodyBytes` of a fixture's body after its `% ` header (cut on a 4-byte boundary). */
function evt3Seed(bodyBytes: number): Uint8Array {
  const whole = fixture('evt3_gen41_1280x720_expelliarmus.raw');
  const text = new TextDecoder('latin1').decode(whole.subarray(0, 4096));
  const end = text.indexOf('% end\n') + '% end\n'.length;
  return whole.slice(0, end + bodyBytes);
}

/** Seeds by format: every format the parser reads has at least one. */
export function fuzzSeeds(): Record<FormatName, readonly Seed[]> {
  return {
    aedat2: [{ name: 'seed.aedat', bytes: aedat2Seed() }],
    aedat3: [{ name: 'seed.aedat', bytes: aedat3Seed() }],
    aedat4: (['NONE', 'LZ4', 'ZSTD'] as const).map((c) => ({ name: `seed_${c}.aedat4`, bytes: aedat4Seed(c) })),
    evt2: [{ name: 'seed.raw', bytes: evt2Seed() }, { name: 'old.raw', bytes: new Uint8Array([...rawHeader('2.0'), ...evt2Seed().slice(-400)]) }],
    evt3: [{ name: 'seed.raw', bytes: evt3Seed(8192) }],
    dat: [{ name: 'seed.dat', bytes: fixture('dat_ncars_obj_004397_td.dat').slice(0, 8192) }],
    nmnist: [{ name: 'seed.bin', bytes: fixture('nmnist_sample.bin').slice(0, 4000) }],
    es: [{ name: 'seed.es', bytes: fixture('es_generic.es') }],
  };
}
