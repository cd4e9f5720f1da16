import { from } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { sendFeed } from '../../../src/sinks/feed/sendFeed.js';
import { serveFeed } from '../../../src/sinks/feed/serveFeed.js';
import { serveAedat4 } from '../../../src/sinks/aedat4Net/index.js';
import { aedat4TcpSource } from '../../../src/sources/aedat4Net/index.js';
import { ramp } from '../../sources/aedat4Net/netHelpers.js';
import { feedSource } from '../../../src/sources/feed/feedSource.js';
import { Boom, boom, settleWatching } from '../../streams/callbackHelpers.js';
import { sampleBatch } from '../../wire/wireHelpers.js';
import { canBind } from '../../helpers/ports.js';

const batches = [sampleBatch(10, 1), sampleBatch(20, 2)];

describe('sinks: a throwing clock ends the feed with its error', () => {
  it('serveFeed rejects done, closes its client and stops listening', async () => {
    const server = await serveFeed(from(batches), { port: 0, clock: boom });
    const client = settleWatching(feedSource({ host: server.host, port: server.port }));
    await expect(server.done).rejects.toBeInstanceOf(Boom);
    expect((await client).error).toBeDefined(); // closed without end
    expect(await canBind(server.port)).toBe(true);
  });

  it('sendFeed errors downstream, nothing uncaught', async () => {
    let bound!: (port: number) => void;
    const port = new Promise<number>((r) => (bound = r));
    const receiver = settleWatching(feedSource({ listen: { port: 0 } }, { onListening: (a) => bound(a.port) }));
    const out = await settleWatching(sendFeed(from(batches), { host: '127.0.0.1', port: await port }, { clock: boom }));
    expect(out).toMatchObject({ completed: false, uncaught: [] });
    expect(out.error).toBeInstanceOf(Boom);
    expect((await receiver).error).toBeDefined();
  });
});

describe('sinks: a throwing onMetrics ends serveAedat4 with its error', () => {
  it('rejects done, resets its client and stops listening; nothing escapes a socket handler', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown): void => { uncaught.push(e); };
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    try {
      const server = await serveAedat4(from([ramp(200)]), { width: 16, height: 8, compression: 'none', onMetrics: boom });
      const client = settleWatching(aedat4TcpSource({ host: server.host, port: server.port }));
      await expect(server.done).rejects.toBeInstanceOf(Boom);
      await client;
      await new Promise((r) => setTimeout(r, 50));
      expect(uncaught).toEqual([]);
      expect(await canBind(server.port)).toBe(true);
    } finally {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUncaught);
    }
  });
});
