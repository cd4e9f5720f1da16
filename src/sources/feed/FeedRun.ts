import { type Subscriber, type Subscription, asyncScheduler } from 'rxjs';
import { DecodeError, TruncatedInputError } from '../../errors.js';
import { FrameDecoder } from '../../wire/FrameDecoder.js';
import type { HelloMessage, WireMessage } from '../../wire/WireMessage.js';
import { DEFAULT_MAX_FRAME_BYTES, WIRE_FORMAT } from '../../wire/wireFormat.js';
import { FeedConnectionError } from '../../streams/FeedConnectionError.js';
import { FeedCounts } from './FeedCounts.js';
import { backoffDelayMs, type ConnectionState } from '../reconnect.js';
import { callSafely } from '../../streams/safeCallback.js';
import { settleRun } from '../../streams/settleRun.js';
import type { FeedMetrics, FeedOptions } from './FeedOptions.js';
import { type FeedTarget, describeTarget } from './FeedTarget.js';
import { openTransport } from './openTransport.js';
import type { Transport } from './transport.js';
import { addCount } from '../../addCount.js';

/** Hands a message downstream with the hello in force on its connection. */
export type DeliverMessage = (m: WireMessage, hello: HelloMessage) => void;

/** One connection: its decoder and what it has seen. */
interface Link {
  transport: Transport | null;
  readonly decoder: FrameDecoder;
  connected: boolean;
  hello: HelloMessage | null;
  lastSeq: number | undefined;
}

/**
 * One subscription to a feed: opens the transport, decodes frames, checks that each connection
 * starts with a `hello`, and ends on `end` (complete), on a protocol fault (its DecodeError, never
 * retried: a peer that sent garbage once will again), or on a lost connection: then it retries
 * with exponential backoff when `reconnect` allows, else errors (a {@link TruncatedInputError}
 * when the peer closed before `end`, a {@link FeedConnectionError} when it could not be reached).
 */
export class FeedRun {
  private readonly counts = new FeedCounts();
  private readonly maxFrameBytes: number;
  private link: Link | null = null;
  private consecutiveFailures = 0;
  private retry: Subscription | null = null;
  private stopped = false;

  constructor(
    private readonly target: FeedTarget,
    private readonly o: FeedOptions,
    private readonly sub: Subscriber<unknown>,
    private readonly deliver: DeliverMessage,
  ) {
    this.maxFrameBytes = o.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  }

  start(): void {
    this.connect();
  }

  /** Teardown (unsubscription): closes the transport and cancels a pending retry. */
  stop(): void {
    if (!this.stopped) this.end('unsubscribed');
  }

  private connect(): void {
    if (!this.setState('connecting')) return;
    const link: Link = { transport: null, decoder: new FrameDecoder({ maxFrameBytes: this.maxFrameBytes }), connected: false, hello: null, lastSeq: undefined };
    this.link = link;
    const live = (): boolean => !this.stopped && this.link === link;
    link.transport = openTransport(this.target, this.maxFrameBytes, {
      opened: () => { if (live()) this.onOpened(link); },
      data: (chunk) => { if (live()) this.onData(link, chunk); },
      refused: (expected, got) => { if (live()) this.fault(new DecodeError(WIRE_FORMAT, link.decoder.offset + link.decoder.pendingBytes, expected, got)); },
      closed: (code) => { if (live()) this.onClosed(link, code); },
      listening: (address) => { if (live()) this.call(() => this.o.onListening?.(address)); },
      rejected: () => { if (live()) addCount(this.counts.dropped, 'rejectedSenders'); },
    });
  }

  private onOpened(link: Link): void {
    link.connected = true;
    this.counts.connections++;
    this.setState('connected');
  }

  private onData(link: Link, chunk: Uint8Array): void {
    this.counts.chunksRead++;
    this.counts.bytesRead += chunk.length;
    const out = link.decoder.push(chunk);
    for (const m of out.messages) if (!this.take(link, m)) return;
    if (out.error) this.fault(out.error);
  }

  /** Counts and delivers one message; false when the run ended. */
  private take(link: Link, m: WireMessage): boolean {
    this.counts.frames++;
    addCount(this.counts.messages, m.kind);
    if (m.kind === 'hello') {
      link.hello = m; // a later hello announces the sensor of the events after it
      this.consecutiveFailures = 0; // a peer that says hello is back
    }
    if (link.hello === null) {
      this.fault(new DecodeError(WIRE_FORMAT, 0, 'a hello message first', `${m.kind} message`));
      return false;
    }
    if (m.kind === 'events') this.countEvents(link, m.t.length, m.seq);
    this.deliver(m, link.hello);
    if (m.kind === 'end' && !this.stopped) this.end('complete');
    return !this.stopped;
  }

  private countEvents(link: Link, n: number, seq: number | undefined): void {
    this.counts.batches++;
    this.counts.events += n;
    if (seq === undefined) return;
    if (link.lastSeq !== undefined && seq > link.lastSeq + 1) this.counts.missedFrames += seq - link.lastSeq - 1;
    link.lastSeq = seq;
  }

  /** The connection ended before `end`: retries when allowed, else errors. */
  private onClosed(link: Link, code: string | undefined): void {
    link.transport?.close(); // a listening transport still holds its server: released on every path
    this.link = null;
    const pending = link.decoder.pendingBytes;
    const cut = link.decoder.end().error ?? new TruncatedInputError(WIRE_FORMAT, link.decoder.offset, 'an end message', 'the connection closed');
    addCount(this.counts.dropped, 'truncatedBytes', pending);
    this.counts.failures++;
    const reconnect = 'listen' in this.target ? undefined : this.o.reconnect;
    if (reconnect === undefined) {
      const lost = !link.connected || code !== undefined;
      return this.end('error', lost ? new FeedConnectionError(describeTarget(this.target), code ?? 'closed', 1) : cut);
    }
    this.consecutiveFailures++;
    if (this.consecutiveFailures > reconnect.maxRetries) {
      return this.end('error', new FeedConnectionError(describeTarget(this.target), code ?? 'closed', this.consecutiveFailures));
    }
    if (!this.setState('disconnected') || !this.report('running')) return;
    this.counts.reconnects++;
    this.retry = (this.o.scheduler ?? asyncScheduler).schedule(() => {
      this.retry = null;
      this.connect();
    }, backoffDelayMs(reconnect, this.consecutiveFailures));
  }

  private fault(e: DecodeError): void {
    this.counts.decodeErrors++;
    this.end('error', e);
  }

  private end(state: Exclude<FeedMetrics['state'], 'running'>, err?: unknown): void {
    this.stopped = true;
    this.retry?.unsubscribe();
    this.link?.transport?.close();
    this.link = null;
    const thrown = callSafely(() => {
      this.o.onState?.('closed');
      this.o.onMetrics?.(this.counts.snapshot(state));
    });
    settleRun(this.sub, state, err, thrown);
  }

  private setState(s: ConnectionState): boolean {
    return this.call(() => this.o.onState?.(s));
  }

  private report(state: FeedMetrics['state']): boolean {
    return this.call(() => this.o.onMetrics?.(this.counts.snapshot(state)));
  }

  /** Runs a user callback; a throw ends the run with that error (callbacks never throw into Node). */
  private call(f: () => void): boolean {
    const thrown = callSafely(f);
    if (thrown !== undefined) this.end('error', thrown);
    return thrown === undefined;
  }
}

