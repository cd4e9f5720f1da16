/**
 * `npx tsx test/bench/aedat4Ingest.ts [runs] [FILE]`: sustained ingest of a live AEDAT 4.0 (LZ4)
 * network stream over loopback TCP, client side only. A child process serves bytes encoded once
 * beforehand (IOHeader + packets of the file's events, repeated to >= 20 M events), as a camera's
 * C++ writer would — so the server's JavaScript LZ4 compression is not measured. The client
 * (`aedat4TcpSource` → `windowEvents` 10 ms → `toFrames`) reports events/s from connect to the
 * last tensor. Medians of `runs` (default 5) after a warm-up. Numbers only.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lastValueFrom, reduce, tap } from 'rxjs';
import { AEDAT4_MAGIC } from '../../src/aedat/aedat4/ioHeader.js';
import { createAedat4Writer } from '../../src/aedat/aedat4/Aedat4Writer.js';
import { readEventFile } from '../../src/aedat/node/index.js';
import { aedat4TcpSource } from '../../src/sources/aedat4Net/aedat4TcpSource.js';
import { toFrames } from '../../src/transforms/toFrames.js';
import { windowEvents } from '../../src/transforms/windowEvents.js';
import { FIXTURES } from '../helpers/samples.js';

const here = fileURLToPath(import.meta.url);

async function serve(file: string, targetEvents: number): Promise<void> {
  const { events } = await readEventFile(file);
  const writer = createAedat4Writer({ width: events.width, height: events.height, compression: 'lz4', dataTable: false });
  const parts = [writer.start().subarray(AEDAT4_MAGIC.length)];
  const span = events.t[events.t.length - 1]! - events.t[0]! + 1;
  for (let pass = 0, n = 0; n < targetEvents; pass++, n += events.t.length) {
    const t = Float64Array.from(events.t, (v) => v + pass * span);
    parts.push(...writer.write({ ...events, t }), ...writer.flush());
  }
  const bytes = Buffer.concat(parts);
  const server = createServer((socket) => socket.end(bytes));
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send!({ port: typeof address === 'object' && address !== null ? address.port : 0, bytes: bytes.length, width: events.width, height: events.height });
  });
}

async function client(runs: number, file: string): Promise<void> {
  const child = fork(here, ['serve', file], { execArgv: ['--import', 'tsx'] });
  const info = await new Promise<{ port: number; bytes: number; width: number; height: number }>((resolve) => child.once('message', resolve as never));
  const once = async (): Promise<number> => {
    let events = 0;
    const t0 = performance.now();
    await lastValueFrom(aedat4TcpSource({ host: '127.0.0.1', port: info.port }).pipe(
      tap((b) => { events += b.t.length; }),
      windowEvents({ by: 'time', windowUs: 10_000 }),
      toFrames({ width: info.width, height: info.height }),
      reduce((n) => n + 1, 0),
    ));
    return events / ((performance.now() - t0) / 1000);
  };
  await once();
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) rates.push(await once());
  child.kill();
  const sorted = [...rates].sort((a, b) => a - b);
  console.log(JSON.stringify({ file, streamBytes: info.bytes, runs, mevPerS: +(sorted[runs >> 1]! / 1e6).toFixed(2), all: rates.map((v) => +(v / 1e6).toFixed(2)) }));
}

if (process.argv[2] === 'serve') await serve(process.argv[3]!, 20e6);
else await client(Number(process.argv[2] ?? 5), process.argv[3] ?? join(FIXTURES, 'evt3_gen41_1280x720_expelliarmus.raw'));
