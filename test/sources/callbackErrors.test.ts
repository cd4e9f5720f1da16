import { describe, expect, it } from 'vitest';
import { bytesChunkReader } from '../../src/sources/bytesChunkReader.js';
import { feedSource } from '../../src/sources/feed/feedSource.js';
import { replayChunks } from '../../src/sources/replayChunks.js';
import { simulatedCamera } from '../../src/sources/simulatedCamera.js';
import type { SourceMetrics } from '../../src/sources/SourceMetrics.js';
import { Boom, boom, settleWatching } from '../streams/callbackHelpers.js';
import { encodeFrame } from '../../src/wire/encodeMessage.js';
import { WIRE_VERSION } from '../../src/wire/wireFormat.js';
import { concatBytes } from '../helpers/bytes.js';
import { tcpServer } from './feed/feedHelpers.js';
import { nmnistBytes } from './helpers.js';
import { canBind } from '../helpers/ports.js';

const FOUR = nmnistBytes([0, 10_000, 20_000, 30_000].map((t) => ({ t, x: 1, y: 2, p: 1 })));
const hello = { kind: 'hello', version: WIRE_VERSION, width: 8, height: 8 } as const;
const throwOn = (state: SourceMetrics['state']) => (m: SourceMetrics): void => { if (m.state === state) boom(); };

describe('sources: a throwing user callback ends the stream with its error', () => {
  it('simulatedCamera: onMetrics at a shedding step and at the end; the rng factory', async () => {
    const shed = await settleWatching(simulatedCamera({ width: 8, height: 8, durationUs: 5_000, noiseHzPerPixel: 1e6, maxEventsPerStep: 1, onMetrics: throwOn('running') }));
    expect(shed).toMatchObject({ completed: false, uncaught: [] });
    expect(shed.error).toBeInstanceOf(Boom);
    const last = await settleWatching(simulatedCamera({ width: 8, height: 8, durationUs: 5_000, onMetrics: throwOn('complete') }));
    expect(last.error).toBeInstanceOf(Boom);
    const rng = await settleWatching(simulatedCamera({ width: 8, height: 8, durationUs: 5_000, rng: boom }));
    expect(rng).toMatchObject({ values: [], uncaught: [] });
    expect(rng.error).toBeInstanceOf(Boom);
  });

  it('replayChunks: onMetrics between loops and at the end; onSide', async () => {
    const open = () => bytesChunkReader(FOUR, 7);
    for (const state of ['running', 'complete'] as const) {
      const out = await settleWatching(replayChunks(open, { fileName: 'x.bin', loops: 2, onMetrics: throwOn(state) }));
      expect(out, state).toMatchObject({ completed: false, uncaught: [] });
      expect(out.error, state).toBeInstanceOf(Boom);
    }
  });

  it('feedSource: onState; onListening (the port is released); onMetrics at the end', async () => {
    const state = await settleWatching(feedSource({ listen: { port: 0 } }, { onState: boom }));
    expect(state.error).toBeInstanceOf(Boom);
    let port = 0;
    const listening = await settleWatching(feedSource({ listen: { port: 0 } }, { onListening: (a) => { port = a.port; boom(); } }));
    expect(listening).toMatchObject({ completed: false, uncaught: [] });
    expect(listening.error).toBeInstanceOf(Boom);
    expect(await canBind(port)).toBe(true);
    const server = await tcpServer((s) => s.end(concatBytes([encodeFrame(hello), encodeFrame({ kind: 'end' })])));
    const last = await settleWatching(feedSource({ host: '127.0.0.1', port: server.port }, { onMetrics: boom }));
    await server.close();
    expect(last).toMatchObject({ completed: false, uncaught: [] });
    expect(last.error).toBeInstanceOf(Boom);
  });
});
