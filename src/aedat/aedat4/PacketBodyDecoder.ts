import type { SensorSize } from '../../events/EventBatch.js';
import { DecodeError, TruncatedInputError } from '../../errors.js';
import type { ColumnBuilder } from '../core/ColumnBuilder.js';
import { addCount } from '../../addCount.js';
import type { Frame, ImuSample, Trigger } from '../core/types.js';
import type { BodyDecompressor } from './codecs/index.js';
import { FORMAT, bodyError, isTruncation } from './decodeSupport.js';
import { sizePrefixed } from './flatRead.js';
import { PACKET_IDS, decodeEvents, decodeFrame, decodeImu, decodeTriggers } from './packets.js';
import type { FramedPacket } from './PacketFramer.js';
import { type StreamPlan, unknownKind } from './streamRoles.js';

/** Side outputs gathered between two drains. */
export interface Side {
  frames: Frame[];
  imu: ImuSample[];
  triggers: Trigger[];
}

/** What body decoding needs from the header and the options. */
interface BodyContext {
  readonly plan: StreamPlan;
  readonly codec: BodyDecompressor | null;
  readonly sensor: SensorSize;
  readonly maxPacketBytes: number;
  readonly wasm: boolean;
  /** Skip frame, IMU and trigger packets without decompressing them (counted as `<role>_not_requested`). */
  readonly eventsOnly: boolean;
}

/**
 * The packet body phase: decompresses a body (none / LZ4 / ZSTD, one frame filling the packet),
 * checks its size prefix and identifier, and decodes it by its stream's role into events (with
 * out-of-bounds ones counted) or side outputs; streams not decoded are counted in `skipped`.
 */
export class PacketBodyDecoder {
  constructor(
    private readonly ctx: BodyContext,
    private readonly out: ColumnBuilder,
    private readonly skipped: Record<string, number>,
  ) {}

  /** True when bodies are stored as they are (compression NONE): positions map to file offsets. */
  get uncompressed(): boolean {
    return this.ctx.codec === null;
  }

  /** Decodes one packet into the outputs. @returns elements decoded, -1 when skipped. @throws DecodeError */
  decode(p: FramedPacket, side: Side): number {
    const stream = this.ctx.plan.roles.get(p.streamId);
    if (stream === undefined) return this.skip('undeclared_stream');
    if (stream.role === 'other_events') return this.skip('other_event_stream');
    if (stream.role === 'unknown') return this.skip(unknownKind(stream.type));
    if (this.ctx.eventsOnly && stream.role !== 'events') return this.skip(`${stream.role}_not_requested`);
    const fb = this.unpack(p.body, p.bodyAt, stream.type);
    try {
      switch (stream.role) {
        case 'events': {
          const { width, height } = this.ctx.sensor;
          const r = decodeEvents(fb, this.out, width, height, this.ctx.wasm);
          if (r.outOfBounds > 0) addCount(this.skipped, 'out_of_bounds', r.outOfBounds);
          return r.elements;
        }
        case 'frame':
          side.frames.push(decodeFrame(fb, p.streamId));
          return 1;
        case 'imu':
          return decodeImu(fb, p.streamId, side.imu);
        case 'triggers':
          return decodeTriggers(fb, p.streamId, side.triggers);
      }
    } catch (e) {
      throw bodyError(e, p.bodyAt, this.uncompressed ? 4 : -1);
    }
  }

  /**
   * Decompresses a body and checks its size prefix and identifier; returns the flatbuffer. With
   * `cutShort` (a table at the end of input) running out of bytes is a truncation.
   * @throws DecodeError
   */
  unpack(body: Uint8Array, bodyAt: number, expectedId: string, cutShort = false): Uint8Array {
    const fail = (e: unknown, shift: number): DecodeError => cutShort && isTruncation(e)
      ? new TruncatedInputError(FORMAT, bodyAt, 'a whole FileDataTable', `${body.length} bytes`)
      : bodyError(e, bodyAt, shift);
    const { codec } = this.ctx;
    let raw = body;
    if (codec !== null) {
      let r: { bytes: Uint8Array; consumed: number };
      try {
        r = codec.decompress(body, this.ctx.maxPacketBytes);
      } catch (e) {
        throw fail(e, 0);
      }
      if (expectedId !== PACKET_IDS.table && r.consumed !== body.length) {
        throw new DecodeError(FORMAT, bodyAt + r.consumed, 'one compressed frame filling the packet', `${body.length - r.consumed} more bytes`);
      }
      raw = r.bytes;
    }
    let fb: Uint8Array;
    try {
      fb = sizePrefixed(raw);
    } catch (e) {
      throw fail(e, codec === null ? 0 : -1);
    }
    const id = fb.length >= 8 ? String.fromCharCode(fb[4]!, fb[5]!, fb[6]!, fb[7]!) : '';
    if (id !== expectedId) throw new DecodeError(FORMAT, codec === null ? bodyAt + 8 : bodyAt, `identifier ${expectedId}`, JSON.stringify(id));
    return fb;
  }

  private skip(kind: string): number {
    addCount(this.skipped, kind);
    return -1;
  }
}
