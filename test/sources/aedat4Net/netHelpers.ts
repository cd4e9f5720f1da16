import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import { type Aedat4Compression, createAedat4Writer } from '../../../src/aedat/aedat4/Aedat4Writer.js';
import { makeBatch, type EventBatch } from '../../../src/events/EventBatch.js';

/** `n` events on a 16×8 sensor with t = t0, t0+1, … and x, y, p derived from the index. */
export function ramp(n: number, t0 = 1_000_000): EventBatch {
  const t = new Float64Array(n);
  const x = new Uint16Array(n);
  const y = new Uint16Array(n);
  const p = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = t0 + i;
    x[i] = i % 16;
    y[i] = (i >> 4) % 8;
    p[i] = i & 1;
  }
  return makeBatch({ x, y, t, p }, { width: 16, height: 8 });
}

/** The bytes a DV network server sends: size-prefixed IOHeader, then one packet per batch. */
export function liveStream(batches: EventBatch[], compression: Aedat4Compression = 'lz4'): { header: Uint8Array; packets: Uint8Array[] } {
  const w = createAedat4Writer({ width: 16, height: 8, compression, dataTable: false });
  const header = w.start().subarray(14);
  const packets = batches.flatMap((b) => [...w.write(b), ...w.flush()]);
  return { header, packets };
}

/** A loopback server on an ephemeral port whose connections are handled by `onSocket`. */
export async function rawServer(onSocket: (s: Socket, index: number) => void): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  let index = 0;
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    onSocket(s, index++);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });
  return { server, port, close };
}

/** A port with nothing listening (bound then released). */
export async function deadPort(): Promise<number> {
  const { port, close } = await rawServer(() => undefined);
  await close();
  return port;
}

/** All columns of batches, concatenated, as plain arrays (for equality checks). */
export function columns(batches: EventBatch[]): { t: number[]; x: number[]; y: number[]; p: number[] } {
  const out = { t: [] as number[], x: [] as number[], y: [] as number[], p: [] as number[] };
  for (const b of batches) {
    out.t.push(...b.t);
    out.x.push(...b.x);
    out.y.push(...b.y);
    out.p.push(...b.p);
  }
  return out;
}
