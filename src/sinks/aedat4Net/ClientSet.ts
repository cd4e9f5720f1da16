import type { Socket } from 'node:net';
import type { Valve } from '../../streams/flow/Valve.js';
import { addCount } from '../../addCount.js';

/** Per-client policy of a {@link ClientSet}. */
export interface ClientPolicy {
  readonly bufferBytes: number;
  readonly slowClient: 'drop' | 'disconnect';
  /** Closed while any client has more than half its buffer waiting (lossless file replay). */
  readonly valve?: Valve;
}

/**
 * The clients of an AEDAT 4.0 network server: each gets the IOHeader when it joins, then every
 * packet broadcast while it is connected. A client's unsent bytes are bounded by `bufferBytes`;
 * a packet that does not fit is dropped for that client or closes it, and is counted.
 */
export class ClientSet {
  readonly dropped: Record<string, number> = {};
  served = 0;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly header: Uint8Array, private readonly policy: ClientPolicy) {}

  get size(): number {
    return this.sockets.size;
  }

  /** Adds a connected client; `onLeave` runs when it is gone. */
  add(socket: Socket, onLeave: () => void): void {
    socket.setNoDelay(true);
    socket.on('error', () => socket.destroy()); // a reset client just leaves
    socket.on('data', () => undefined); // DV clients send nothing; anything sent is discarded
    socket.on('drain', () => this.updateValve());
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.updateValve();
      onLeave();
    });
    this.sockets.add(socket);
    this.served++;
    socket.write(this.header);
  }

  /** Sends one packet holding `events` events to every client. */
  broadcast(packet: Uint8Array, events: number): void {
    for (const s of this.sockets) {
      if (s.destroyed) continue;
      if (s.writableLength + packet.length <= this.policy.bufferBytes) {
        s.write(packet);
        continue;
      }
      addCount(this.dropped, 'slowClientPackets', 1);
      addCount(this.dropped, 'slowClientEvents', events);
      if (this.policy.slowClient === 'disconnect') {
        addCount(this.dropped, 'slowClientsClosed', 1);
        s.destroy();
      }
    }
    this.updateValve();
  }

  /** Ends every connection after its queued bytes are sent; resolves when all are closed. */
  endAll(): Promise<void> {
    const closing = [...this.sockets].map((s) => new Promise<void>((resolve) => {
      if (s.closed) return resolve();
      s.once('close', () => resolve());
      s.end();
    }));
    return Promise.all(closing).then(() => undefined);
  }

  /**
   * Resets every connection (TCP RST): the AEDAT 4.0 framing has no error message, so a reset is
   * how clients learn that the stream failed rather than ended. A reset discards what the client
   * has not read yet, and one that lands while the client is reading can look like an orderly end,
   * so each client is reset `lingerMs` after its queued bytes went to the kernel (or after
   * `graceMs` for a client that does not read). Resolves when all are closed.
   */
  resetAll(lingerMs: number, graceMs: number): Promise<void> {
    const closing = [...this.sockets].map((s) => new Promise<void>((resolve) => {
      if (s.closed) return resolve();
      s.once('close', () => resolve());
      const reset = () => {
        clearTimeout(linger);
        clearTimeout(grace);
        if (!s.destroyed) s.resetAndDestroy();
      };
      let linger: NodeJS.Timeout | undefined;
      const grace = setTimeout(reset, graceMs);
      const drained = () => { linger = setTimeout(reset, lingerMs); };
      if (s.writableLength === 0) drained();
      else s.once('drain', drained);
    }));
    return Promise.all(closing).then(() => undefined);
  }

  /** Closes every connection at once. */
  destroyAll(): void {
    for (const s of this.sockets) s.destroy();
  }

  private updateValve(): void {
    const v = this.policy.valve;
    if (v === undefined) return;
    const half = this.policy.bufferBytes / 2;
    let behind = false;
    for (const s of this.sockets) if (s.writableLength > half) behind = true;
    if (behind && v.isOpen) v.close();
    else if (!behind && !v.isOpen) v.open();
  }
}
