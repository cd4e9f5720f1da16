import { describe, expect, it } from 'vitest';
import { ZstdFrameDecoder, zstdStoredFrame } from '../../src/aedat/aedat4/codecs/zstdFrame.js';
import { Aedat4BodyError } from '../../src/aedat/aedat4/codecs/CodecError.js';

/** Runs `f`, returning what it threw. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('ZstdFrameDecoder on hostile frames', () => {
  it('names a block that runs past the body at its header, inside the body (fuzzing: a position past the file)', () => {
    // Magic, FHD single segment with a 1-byte content size, then a raw block announcing 100 bytes, not last.
    const frame = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x20, 100, (100 << 3) & 0xff, 100 >> 5, 0, 1, 2, 3]);
    const e = thrown(() => new ZstdFrameDecoder().decompress(frame, 1 << 20));
    expect(e).toBeInstanceOf(Aedat4BodyError);
    expect(e).toMatchObject({ at: 6, truncated: true, expected: 'a block of 103 bytes (header included)' });
  });

  it('still decodes a whole stored frame', () => {
    const raw = new Uint8Array([5, 6, 7, 8, 9]);
    const { bytes, consumed } = new ZstdFrameDecoder().decompress(zstdStoredFrame(raw), 1 << 20);
    expect([Array.from(bytes), consumed]).toEqual([[5, 6, 7, 8, 9], zstdStoredFrame(raw).length]);
  });
});
