import { type Socket, connect } from 'node:net';
import { type Subscriber, type Subscription, asyncScheduler } from 'rxjs';
import { type Aedat4Decoder, createAedat4Decoder } from '../../aedat/aedat4/Aedat4Decoder.js';
import type { DecodeOutput } from '../../aedat/core/types.js';
import type { EventBatch } from '../../events/EventBatch.js';
import { TruncatedInputError } from '../../errors.js';
import type { Aedat4TcpMetrics, Aedat4TcpOptions } from './Aedat4TcpOptions.js';
import { ConnectionError } from '../../streams/ConnectionError.js';
import { backoffDelayMs, type ConnectionState } from '../reconnect.js';
import { callSafely } from '../../streams/safeCallback.js';
import { settleRun } from '../../streams/settleRun.js';
import { addCount } from '../../addCount.js';

const DEFAULT_MAX_PACKET_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_HEADER_BYTES = 1024 * 1024;

/** One connection's decoder and what it has seen. */
interface Link { readonly socket: Socket; readonly decoder: Aedat4Decoder; bytes: number; connected: boolean; headerSeen: boolean }

/**
 * One subscription to {@link aedat4TcpSource}: connects, decodes the live stream with the AEDAT
 * 4.0 decoder in network framing, and on a lost connection either ends (no `reconnect`) or
 * retries with exponential backoff. Protocol faults (garbage, an oversized Size, a bad
 * flatbuffer) always end the run with their DecodeError: a server that sent them once will send
 * them again, so retrying would only hide a misconfiguration (e.g. a port serving something else).
 */
export class TcpRun {
  private readonly counts = { batches: 0, events: 0, connections: 0, failures: 0, chunksRead: 0, bytesRead: 0 };
  private readonly skipped: Record<string, number> = {};
  private readonly dropped: Record<string, number> = {};
  private readonly side = { frames: 0, imu: 0, triggers: 0 };
  private link: Link | null = null;
  private consecutiveFailures = 0;
  private lastCode = 'closed';
  private retry: Subscription | null = null;
  private valveWatch: Subscription | null = null;
  private stopped = false;

  constructor(private readonly o: Aedat4TcpOptions, private readonly sub: Subscriber<EventBatch>) {}

  start(): void {
    this.connect();
  }

  /** Teardown (unsubscription): closes the socket and cancels a pending retry. */
  stop(): void {
    if (this.stopped) return;
    this.end('unsubscribed');
  }

  private connect(): void {
    if (!this.setState('connecting')) return;
    const socket = connect({ host: this.o.host, port: this.o.port });
    socket.setNoDelay(true);
    const decoder = createAedat4Decoder({
      framing: 'network',
      maxPacketBytes: this.o.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES,
      maxHeaderBytes: this.o.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES,
      ...(this.o.eventStream !== undefined ? { eventStream: this.o.eventStream } : {}),
    });
    const link: Link = { socket, decoder, bytes: 0, connected: false, headerSeen: false };
    this.link = link;
    socket.on('connect', () => this.onConnect(link));
    socket.on('data', (chunk: Buffer) => this.onData(link, chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => { this.lastCode = e.code ?? e.message; });
    socket.on('close', (hadError: boolean) => this.onClose(link, hadError));
  }

  private onConnect(link: Link): void {
    if (this.stopped) return;
    link.connected = true;
    this.counts.connections++;
    const policy = this.o.policy;
    if (policy?.kind === 'lossless') {
      this.valveWatch = policy.valve.open$.subscribe((open) => (open ? link.socket.resume() : link.socket.pause()));
    }
    this.setState('connected');
  }

  private onData(link: Link, chunk: Buffer): void {
    if (this.stopped || link !== this.link) return;
    this.counts.chunksRead++;
    this.counts.bytesRead += chunk.length;
    link.bytes += chunk.length;
    const out = link.decoder.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (!link.headerSeen && link.decoder.header !== null) {
      link.headerSeen = true;
      this.consecutiveFailures = 0; // a server that answers with a header is back
      if (!this.call(() => this.o.onHeader?.(link.decoder.header!))) return;
    }
    if (!this.take(out)) return;
    if (out.error) this.end('error', out.error);
  }

  /**
   * The connection ended: delivers its last whole packets, then ends, fails or retries. A reset
   * (`hadError`) is a fault, not an end: it is how a server reports its own failure.
   */
  private onClose(link: Link, hadError: boolean): void {
    if (this.stopped || link !== this.link) return;
    this.link = null;
    this.valveWatch?.unsubscribe();
    this.valveWatch = null;
    const out = link.decoder.end();
    this.addSkipped(link.decoder.skipped);
    if (!this.take(out)) return;
    const cut = out.error;
    if (cut !== undefined && !(cut instanceof TruncatedInputError)) return this.end('error', cut);
    if (cut !== undefined) addCount(this.dropped, 'truncatedBytes', link.bytes - cut.offsetBytes);
    this.counts.failures++;
    const reconnect = this.o.reconnect;
    if (reconnect === undefined) {
      if (!link.connected || hadError) return this.end('error', new ConnectionError(this.o.host, this.o.port, this.lastCode, 1));
      return cut !== undefined ? this.end('error', cut) : this.end('complete');
    }
    this.consecutiveFailures++;
    if (this.consecutiveFailures > reconnect.maxRetries) {
      return this.end('error', new ConnectionError(this.o.host, this.o.port, this.lastCode, this.consecutiveFailures));
    }
    if (!this.setState('disconnected') || !this.report('running')) return;
    this.lastCode = 'closed';
    const scheduler = this.o.scheduler ?? asyncScheduler;
    this.retry = scheduler.schedule(() => {
      this.retry = null;
      this.connect();
    }, backoffDelayMs(reconnect, this.consecutiveFailures));
  }

  /** Delivers a decode output's events and counts its side outputs; false when the run ended. */
  private take(out: DecodeOutput): boolean {
    this.side.frames += out.frames.length;
    this.side.imu += out.imu.length;
    this.side.triggers += out.triggers.length;
    if (out.frames.length + out.imu.length + out.triggers.length > 0) {
      if (!this.call(() => this.o.onSide?.({ frames: out.frames, imu: out.imu, triggers: out.triggers }))) return false;
    }
    const n = out.events.t.length;
    if (n > 0) {
      this.counts.batches++;
      this.counts.events += n;
      this.sub.next(out.events);
    }
    return !this.stopped;
  }

  private end(state: 'complete' | 'error' | 'unsubscribed', err?: unknown): void {
    this.stopped = true;
    this.retry?.unsubscribe();
    this.valveWatch?.unsubscribe();
    const link = this.link;
    this.link = null;
    if (link !== null) {
      this.addSkipped(link.decoder.skipped);
      link.socket.destroy();
    }
    const thrown = callSafely(() => {
      this.o.onState?.('closed');
      this.o.onMetrics?.(this.snapshot(state));
    });
    settleRun(this.sub, state, err, thrown);
  }

  private setState(s: ConnectionState): boolean {
    return this.call(() => this.o.onState?.(s));
  }

  private report(state: Aedat4TcpMetrics['state']): boolean {
    return this.call(() => this.o.onMetrics?.(this.snapshot(state)));
  }

  /** Runs a user callback; a throw ends the run with that error (callbacks never throw into Node). */
  private call(f: () => void): boolean {
    const thrown = callSafely(f);
    if (thrown !== undefined) this.end('error', thrown);
    return thrown === undefined;
  }

  private addSkipped(s: Readonly<Record<string, number>>): void {
    for (const [k, v] of Object.entries(s)) addCount(this.skipped, k, v);
  }

  private snapshot(state: Aedat4TcpMetrics['state']): Aedat4TcpMetrics {
    const skipped = { ...this.skipped };
    if (this.link !== null) for (const [k, v] of Object.entries(this.link.decoder.skipped)) addCount(skipped, k, v);
    return { source: 'aedat4Tcp', state, ...this.counts, skipped, dropped: { ...this.dropped }, side: { ...this.side } };
  }
}

