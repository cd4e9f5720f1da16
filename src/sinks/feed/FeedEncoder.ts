import type { EventBatch, SensorSize } from '../../events/EventBatch.js';
import { ConfigError } from '../../errors.js';
import { splitBatch } from '../../streams/splitBatch.js';
import { encodeFrame } from '../../wire/encodeMessage.js';
import { eventsMessage } from '../../wire/eventsCodec.js';
import { WIRE_VERSION } from '../../wire/wireFormat.js';
import type { QueuedFrame } from './FrameQueue.js';

/** What the producer of a feed announces and how it frames batches. */
export interface FeedEncoderOptions {
  /** Sensor of the `hello` (default: the first batch's width and height). */
  readonly sensor?: SensorSize;
  /** `source` of the `hello`. */
  readonly sourceName?: string;
  /** Largest events frame, in events (default 2^20 ≈ 15 MiB): bigger batches are split. */
  readonly maxEventsPerFrame?: number;
  /** Wall clock in ms: when given, each events frame is stamped `sentAtMs` as it is encoded. */
  readonly clock?: () => number;
}

/**
 * Encodes a stream of batches into frames of the wire format, once for every peer: numbers
 * events frames (`seq` 0, 1, …) so receivers can count what was dropped on the way, splits large
 * batches, and learns the sensor from the first batch unless told.
 */
export class FeedEncoder {
  private sensor: SensorSize | undefined;
  private helloFrame: Uint8Array | undefined;
  private seq = 0;
  private readonly maxEventsPerFrame: number;

  /** @throws ConfigError on a bad sensor or frame size. */
  constructor(private readonly o: FeedEncoderOptions) {
    this.maxEventsPerFrame = o.maxEventsPerFrame ?? 1 << 20;
    if (!(Number.isInteger(this.maxEventsPerFrame) && this.maxEventsPerFrame >= 1)) {
      throw new ConfigError(`feed: maxEventsPerFrame must be an integer >= 1, got ${this.maxEventsPerFrame}`);
    }
    if (o.sensor) this.announce(o.sensor);
  }

  /** The hello frame, once the sensor is known. */
  get hello(): Uint8Array | undefined {
    return this.helloFrame;
  }

  /** Events frames sent so far (the next `seq`). */
  get framesEncoded(): number {
    return this.seq;
  }

  /**
   * The events frames of a batch (none for an empty batch).
   * @throws ConfigError when the batch's sensor differs from the announced one.
   */
  frames(b: EventBatch): QueuedFrame[] {
    const sensor = this.sensor ?? this.announce(b);
    if (b.width !== sensor.width || b.height !== sensor.height) {
      throw new ConfigError(`feed: a ${b.width}x${b.height} batch on a feed announced as ${sensor.width}x${sensor.height}`);
    }
    return splitBatch(b, this.maxEventsPerFrame).map((piece) => {
      const stamp = this.o.clock ? { sentAtMs: this.o.clock() } : {};
      const bytes = encodeFrame(eventsMessage(piece, { seq: this.seq++, ...stamp }));
      return { bytes, events: piece.t.length, droppable: true };
    });
  }

  /** The `end` frame. */
  end(): Uint8Array {
    return encodeFrame({ kind: 'end' });
  }

  private announce(s: SensorSize): SensorSize {
    const { width, height } = s;
    if (!(Number.isInteger(width) && Number.isInteger(height) && width >= 1 && height >= 1 && width <= 65_535 && height <= 65_535)) {
      throw new ConfigError(`feed: sensor must be 1-65535 pixels a side, got ${width}x${height}`);
    }
    this.sensor = { width, height };
    const name = this.o.sourceName === undefined ? {} : { source: this.o.sourceName };
    this.helloFrame = encodeFrame({ kind: 'hello', version: WIRE_VERSION, width, height, ...name });
    return this.sensor;
  }
}
