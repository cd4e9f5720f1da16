import { type SchedulerLike, type Subscriber, type Subscription, asyncScheduler } from 'rxjs';
import type { DecodeOutput, EventDecoder } from '../aedat/core/types.js';
import { openDecoder } from '../aedat/openDecoder.js';
import type { EventBatch } from '../events/EventBatch.js';
import { TruncatedInputError } from '../errors.js';
import type { ChunkReader } from '../streams/ChunkReader.js';
import { MetricsCounter } from './MetricsCounter.js';
import type { ReplayOptions } from './ReplayOptions.js';
import { splitBatch } from '../streams/splitBatch.js';
import { settleRun } from '../streams/settleRun.js';
import { addCount } from '../addCount.js';

interface Clock { readonly scheduler: SchedulerLike; readonly speed: number; readonly startMs: number }

/**
 * One subscription's replay: a pull loop (`pump`) that delivers the queued pieces of the last
 * decoded chunk (at once, or each at its due time on the scheduler) and reads the next chunk only
 * when the queue is empty — so at most one decoded chunk is held and nothing is read ahead.
 * Synchronous readers are trampolined (no recursion per chunk).
 */
export class ReplayRun {
  readonly metrics: MetricsCounter;
  private decoder: EventDecoder;
  private decoderCounted = false;
  private queue: EventBatch[] = [];
  private head = 0;
  private finished = false;
  private failure: unknown = undefined;
  private stopped = false;
  private pending: Subscription | null = null;
  private clock: Clock | null = null;
  private pass = 0;
  private passEvents = 0;
  private passBytes = 0;
  private offsetUs = 0;
  private firstUs = NaN;
  private maxUs = -Infinity;

  constructor(
    private readonly reader: ChunkReader,
    private readonly o: ReplayOptions,
    private readonly sub: Subscriber<EventBatch>,
  ) {
    this.metrics = new MetricsCounter('replayFile', o.onMetrics);
    this.decoder = openDecoder(o);
  }

  /** Starts reading (the clock starts now). */
  start(): void {
    const pace = this.o.pace ?? 'max';
    if (pace !== 'max') {
      const scheduler = pace.scheduler ?? asyncScheduler;
      this.clock = { scheduler, speed: pace.speed, startMs: scheduler.now() };
    }
    this.metrics.passes = 1;
    this.pump();
  }

  /** Teardown: cancels a pending emission, closes the reader, reports `unsubscribed` if still running. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.pending?.unsubscribe();
    this.reader.close();
    this.metrics.report('unsubscribed', this.liveSkipped());
  }

  private pump(): void {
    while (!this.stopped) {
      if (this.head < this.queue.length) {
        if (!this.deliver(this.queue[this.head++]!)) return;
      } else if (this.finished) {
        return this.finish();
      } else if (!this.readNext()) {
        return;
      }
    }
  }

  /** Emits `piece` now (true) or schedules it and the rest of the pump (false). */
  private deliver(piece: EventBatch): boolean {
    const c = this.clock;
    if (c === null) return this.emit(piece);
    const dueMs = c.startMs + (piece.t[piece.t.length - 1]! - this.firstUs) / 1000 / c.speed;
    const nowMs = c.scheduler.now();
    if (dueMs <= nowMs) {
      this.metrics.maxLagMs = Math.max(this.metrics.maxLagMs, nowMs - dueMs);
      return this.emit(piece);
    }
    this.pending = c.scheduler.schedule(() => {
      this.pending = null;
      this.emit(piece);
      this.pump();
    }, dueMs - nowMs);
    return false;
  }

  private emit(piece: EventBatch): true {
    this.metrics.batches++;
    this.metrics.events += piece.t.length;
    this.sub.next(piece);
    return true;
  }

  /** Asks for the next chunk; true when it was handled synchronously (the pump goes on). */
  private readNext(): boolean {
    let sync = true;
    let handled = false;
    this.reader.read((err, chunk) => {
      if (this.stopped) return;
      this.onChunk(err, chunk);
      if (sync) handled = true;
      else this.pump();
    });
    sync = false;
    return handled;
  }

  private onChunk(err: Error | null, chunk: Uint8Array): void {
    try {
      if (err) return this.fail(err);
      if (chunk.length === 0) {
        if (this.take(this.decoder.end()) !== 'failed') this.nextPass();
        return;
      }
      this.metrics.chunksRead++;
      this.metrics.bytesRead += chunk.length;
      this.passBytes += chunk.length;
      if (this.take(this.decoder.push(chunk)) === 'passEnd') this.nextPass();
    } catch (e) {
      this.fail(e); // a decoder bug or a throwing onSide: downstream, never thrown into Node
    }
  }

  /** Queues a decode output's events and counts its side outputs; classifies its error. */
  private take(out: DecodeOutput): 'ok' | 'passEnd' | 'failed' {
    const side = this.metrics.side;
    side.frames += out.frames.length;
    side.imu += out.imu.length;
    side.triggers += out.triggers.length;
    if (this.o.onSide && out.frames.length + out.imu.length + out.triggers.length > 0) {
      this.o.onSide({ frames: out.frames, imu: out.imu, triggers: out.triggers });
    }
    this.enqueue(out.events);
    const e = out.error;
    if (e === undefined) return 'ok';
    if (e instanceof TruncatedInputError && this.o.truncated === 'complete') {
      addCount(this.metrics.dropped, 'truncatedBytes', this.passBytes - e.offsetBytes);
      return 'passEnd';
    }
    this.fail(e);
    return 'failed';
  }

  private enqueue(events: EventBatch): void {
    const t = events.t;
    const n = t.length;
    if (n === 0) return;
    if (this.pass === 0) {
      if (Number.isNaN(this.firstUs)) this.firstUs = t[0]!;
      let m = this.maxUs;
      for (let i = 0; i < n; i++) if (t[i]! > m) m = t[i]!;
      this.maxUs = m;
    }
    this.passEvents += n;
    if (this.head >= this.queue.length) { this.queue = []; this.head = 0; }
    const b = this.offsetUs === 0 ? events : shifted(events, this.offsetUs);
    for (const piece of splitBatch(b, this.o.maxEventsPerBatch ?? 16_384)) this.queue.push(piece);
  }

  /** Ends a pass: starts the next one (new decoder, rewound reader) or marks the end. */
  private nextPass(): void {
    for (const [k, v] of Object.entries(this.decoder.skipped)) addCount(this.metrics.skipped, k, v);
    this.decoderCounted = true;
    if (this.pass + 1 >= (this.o.loops ?? 1) || this.passEvents === 0) {
      this.finished = true;
      return;
    }
    const thrown = this.metrics.report('running');
    if (thrown !== undefined) return this.fail(thrown);
    this.pass++;
    this.metrics.passes++;
    this.offsetUs = this.pass * (this.maxUs - this.firstUs + (this.o.loopGapUs ?? 1));
    this.passEvents = 0;
    this.passBytes = 0;
    this.decoder = openDecoder(this.o);
    this.decoderCounted = false;
    this.reader.rewind();
  }

  private fail(e: unknown): void {
    this.failure ??= e;
    this.finished = true;
  }

  /** After the queue is drained: closes the reader, reports, then errors or completes downstream. */
  private finish(): void {
    this.stopped = true;
    this.reader.close();
    const state = this.failure === undefined ? 'complete' : 'error';
    settleRun(this.sub, state, this.failure, this.metrics.report(state, this.liveSkipped()));
  }

  private liveSkipped(): Readonly<Record<string, number>> {
    return this.decoderCounted ? {} : this.decoder.skipped;
  }
}

function shifted(b: EventBatch, offsetUs: number): EventBatch {
  const t = new Float64Array(b.t.length);
  for (let i = 0; i < t.length; i++) t[i] = b.t[i]! + offsetUs;
  return { ...b, t };
}
