import { DecodeError } from '../../errors.js';

const OVERFLOW = 0xff;
const RESET = 0xfe;
/** Added to t by an overflow byte. */
const OVERFLOW_US = 254;
/** Size bytes carry 7 bits each; 7 of them (49 bits) keep sizes exact in a float64. */
const MAX_SIZE_BYTES = 7;

const STATE = { Idle: 0, Size: 1, Payload: 2 } as const;

/**
 * Walks an Event Stream 2.x generic stream (type 0) byte by byte, across chunks, without holding
 * payloads: byte 0 is Δt (0xFF overflow +254 µs, 0xFE reset), then the payload size as 7-bit
 * groups, least significant first, bit 0 of each size byte = "another size byte follows"
 * (sepia `handle_byte<type::generic>`), then that many payload bytes, which are skipped.
 */
export class EsGenericWalker {
  /** Cumulative time in µs. */
  t = 0;
  /** Complete generic events seen. */
  events = 0;
  /** Absolute offset of byte 0 of the event being read (meaningful while {@link partial}). */
  eventStart = 0;
  private state: number = STATE.Idle;
  private size = 0;
  private sizeBytes = 0;
  private left = 0;

  /** @param onEvent called per complete event with its t (µs) and payload size (bytes) */
  constructor(private readonly onEvent?: (tUs: number, payloadBytes: number) => void) {}

  /** True while an event is half read. */
  get partial(): boolean {
    return this.state !== STATE.Idle;
  }

  /**
   * Walks `bytes`, whose first byte is at absolute offset `base`.
   * @throws DecodeError when a size field runs over 7 bytes (a size beyond 2^49 bytes).
   */
  walk(bytes: Uint8Array, base: number): void {
    const n = bytes.length;
    let i = 0;
    while (i < n) {
      if (this.state === STATE.Payload) {
        const take = Math.min(this.left, n - i);
        i += take;
        this.left -= take;
        if (this.left === 0) this.complete();
        continue;
      }
      const b = bytes[i]!;
      if (this.state === STATE.Idle) this.startEvent(b, base + i);
      else this.sizeByte(b, base + i);
      i++;
    }
  }

  private startEvent(b: number, at: number): void {
    if (b === OVERFLOW) {
      this.t += OVERFLOW_US;
    } else if (b !== RESET) {
      this.t += b;
      this.eventStart = at;
      this.state = STATE.Size;
      this.size = 0;
      this.sizeBytes = 0;
    }
  }

  private sizeByte(b: number, at: number): void {
    if (this.sizeBytes === MAX_SIZE_BYTES) {
      throw new DecodeError('es', at, `a generic event size of at most ${MAX_SIZE_BYTES} bytes`,
        `size byte ${this.sizeBytes + 1} (event at byte ${this.eventStart})`);
    }
    this.size += (b >> 1) * 2 ** (7 * this.sizeBytes);
    this.sizeBytes++;
    if ((b & 1) === 1) return;
    this.left = this.size;
    if (this.left === 0) this.complete();
    else this.state = STATE.Payload;
  }

  private complete(): void {
    this.state = STATE.Idle;
    this.events++;
    this.onEvent?.(this.t, this.size);
  }
}
