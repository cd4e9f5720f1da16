import { type AddressInfo, connect } from 'node:net';
import { concat, from, lastValueFrom, of, tap, throwError, toArray, type Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createAedat4Decoder } from '../../../src/aedat/aedat4/Aedat4Decoder.js';
import type { EventBatch } from '../../../src/events/EventBatch.js';
import { serveAedat4 } from '../../../src/sinks/aedat4Net/index.js';
import { aedat4TcpSource } from '../../../src/sources/aedat4Net/index.js';
import { ConnectionError } from '../../../src/streams/ConnectionError.js';
import { DecodeError } from '../../../src/errors.js';
import { replayFile } from '../../../src/sources/replayFile.js';
import { toFrames, windowEvents } from '../../../src/transforms/index.js';
import { FIXTURES } from '../../helpers/samples.js';
import { columns, ramp } from '../../sources/aedat4Net/netHelpers.js';

const SAMPLE = `${FIXTURES}/aedat4_davis346_evlib_sample.aedat4`;

/** Spike frames of 10 ms windows (edges at absolute multiples of 10 ms), as byte buffers. */
function frames(batches$: Observable<EventBatch>): Promise<Buffer[]> {
  return lastValueFrom(batches$.pipe(
    windowEvents({ by: 'time', windowUs: 10_000 }),
    toFrames({ width: 346, height: 260 }),
    toArray(),
  )).then((fs) => fs.map((f) => Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength)));
}

/** True when both lists of tensors are equal byte for byte (and not empty). */
function sameTensors(a: Buffer[], b: Buffer[]): boolean {
  return a.length > 0 && a.length === b.length && a.every((x, i) => x.equals(b[i]!));
}

const live = (port: number) => aedat4TcpSource({ host: '127.0.0.1', port });

describe('serveAedat4', () => {
  it.each([['max'], [4]] as const)('replay equals live at speed %s: same events, same spike tensors', async (speed) => {
    const server = await serveAedat4(SAMPLE, { speed });
    const received = await lastValueFrom(live(server.port).pipe(toArray()));
    const m = await server.done;
    const replayed = await lastValueFrom(replayFile(SAMPLE).pipe(toArray()));
    expect(columns(received)).toEqual(columns(replayed));
    expect(columns(received).t.length).toBe(6676);
    const liveFrames = await frames(from(received));
    expect(liveFrames.length).toBe(18);
    expect(sameTensors(liveFrames, await frames(replayFile(SAMPLE)))).toBe(true);
    expect(m).toMatchObject({ state: 'complete', events: 6676, clientsServed: 1, dropped: {} });
  });

  it('sends every connected client the same packets and closes them at the end', async () => {
    const server = await serveAedat4(SAMPLE, { speed: 2 });
    const a = lastValueFrom(live(server.port).pipe(toArray()));
    const b = lastValueFrom(live(server.port).pipe(toArray()));
    const [ea, eb] = await Promise.all([a, b]);
    expect((await server.done).clientsServed).toBe(2);
    expect(columns(ea).t.length + columns(eb).t.length).toBeGreaterThan(6676); // both joined early
    const tail = columns(ea).t.slice(-100);
    expect(columns(eb).t.slice(-100)).toEqual(tail);
  });

  it('drops whole packets for a client that does not read, counting them exactly', async () => {
    // 400 packets of 64 KiB sent in one burst: more than loopback's kernel buffers take at once
    const batches = Array.from({ length: 400 }, (_, i) => ramp(4096, 1_000_000 + i * 4096));
    const total = 400 * 4096;
    const server = await serveAedat4(from(batches), { width: 16, height: 8, compression: 'none', clientBufferBytes: 128 * 1024 });
    const slow = connect({ host: '127.0.0.1', port: server.port });
    slow.pause(); // reads nothing until the server is done
    await new Promise<void>((resolve) => slow.once('connect', () => resolve()));
    const decoder = createAedat4Decoder({ framing: 'network' });
    let got = 0;
    slow.on('data', (c: Buffer) => { got += decoder.push(new Uint8Array(c)).events.t.length; });
    const closed = new Promise<void>((resolve) => slow.once('close', () => resolve()));
    await new Promise((r) => setTimeout(r, 200));
    slow.resume();
    const m = await server.done;
    await closed;
    expect(decoder.end().error).toBeUndefined(); // the stream stays valid without the dropped packets
    const dropped = m.dropped['slowClientEvents'] ?? 0;
    expect(dropped).toBeGreaterThan(0);
    expect(got + dropped).toBe(total);
    expect(m.dropped['slowClientPackets']).toBe(dropped / 4096);
  });

  it('turns away clients beyond maxClients and serves batches only with a sensor size', async () => {
    await expect(serveAedat4(from([ramp(3)]))).rejects.toThrow('width and height');
    const server = await serveAedat4(SAMPLE, { speed: 1, loop: true, maxClients: 1 });
    const first = connect({ host: '127.0.0.1', port: server.port });
    await new Promise<void>((resolve) => first.once('data', () => resolve()));
    const second = connect({ host: '127.0.0.1', port: server.port });
    await new Promise<void>((resolve) => second.once('close', () => resolve()));
    const m = await server.close();
    expect(m).toMatchObject({ state: 'closed', refused: 1, clientsServed: 1 });
    expect((first.address() as AddressInfo).port).toBeGreaterThan(0);
    first.destroy();
  });

  it('resets its clients when the input fails: they get every event before it, then a fault, not an end', async () => {
    const failing = concat(of(ramp(40)), throwError(() => new DecodeError('test', 7, 'a packet', 'garbage')));
    const server = await serveAedat4(failing, { width: 16, height: 8 });
    let events = 0;
    const err = await lastValueFrom(live(server.port).pipe(tap((b) => { events += b.t.length; }))).catch((e: unknown) => e);
    await expect(server.done).rejects.toBeInstanceOf(DecodeError);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).toMatchObject({ code: 'ECONNRESET' });
    expect(events).toBe(40);
  });
});
