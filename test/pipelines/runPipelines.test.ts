import { connect, createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { lastValueFrom, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  emptyCounters, inferenceConfigOf, inferenceOutputs, labelAt, mergeConfig, parseAssignment, PIPELINE_DEFAULTS, readLabels,
  type InferenceOutput,
} from '../../pipelines/index.js';
import { ConfigError } from '../../src/errors.js';
import { serveAedat4, serveFeed, serveMessages } from '../../src/sinks/index.js';
import { replayFile } from '../../src/sources/index.js';
import { loadCheckpoint } from '../../src/snn/index.js';
import { FrameDecoder, type WireMessage } from '../../src/wire/index.js';
import { cli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/samples.js';
import { useBackend } from '../snn/snnHelpers.js';

const DEMO = join(REPO_ROOT, 'fixtures', 'demo', 'saccade-digits-demo.aedat4');
const LABELS = join(REPO_ROOT, 'fixtures', 'demo', 'saccade-digits-demo.labels.json');
const MODEL = join(REPO_ROOT, 'fixtures', 'models', 'sr+at.sgck');
const dir = mkdtempSync(join(tmpdir(), 'sg-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const replayConfig = (over: Record<string, unknown> = {}) => inferenceConfigOf(mergeConfig(PIPELINE_DEFAULTS.replay, { source: { path: DEMO }, model: MODEL, labels: LABELS, ...over }));

describe('pipeline configs', () => {
  it('merges --set assignments (JSON values, else strings) over the defaults and names a wrong or unknown setting', () => {
    expect(parseAssignment('windows.bins=4')).toEqual({ windows: { bins: 4 } });
    expect(parseAssignment('source.path=rec.aedat4')).toEqual({ source: { path: 'rec.aedat4' } });
    expect(() => parseAssignment('novalue')).toThrow(ConfigError);
    const c = replayConfig({ windows: { bins: 4 }, monitor: true });
    expect(c.windows).toEqual({ windowUs: 315_000, bins: 4, values: 'binary' });
    expect(c.monitor?.every).toBeGreaterThan(0);
    expect(() => replayConfig({ windows: { binz: 4 } })).toThrow(/windows\.binz: unknown setting/);
    expect(() => replayConfig({ windows: { bins: 0 } })).toThrow(/windows\.bins: expected an integer in \[1, 1024\], got 0/);
    expect(() => replayConfig({ source: { speed: 'fast' } })).toThrow(/source\.speed/);
    expect(() => mergeConfig(PIPELINE_DEFAULTS.replay, JSON.parse('{"__proto__": {"model": "x"}}'))).toThrow(ConfigError);
  });

  it('finds the label of the segment holding a time', async () => {
    const labels = await readLabels(LABELS);
    expect(labels).toHaveLength(16);
    expect(labelAt(labels, labels[3]!.startUs + 1)).toBe(labels[3]!.label);
    expect(labelAt(labels, -1)).toBeNull();
    expect(labelAt(labels, labels.at(-1)!.endUs)).toBeNull();
    writeFileSync(join(dir, 'bad-labels.json'), '[{"startUs": 0}]');
    await expect(readLabels(join(dir, 'bad-labels.json'))).rejects.toThrow(ConfigError);
  });
});

describe('stream-infer and replay', () => {
  beforeAll(() => useBackend('wasm'));

  it('give identical predictions on the same events: a recording replayed, served as a live AEDAT 4.0 camera, and sent as a msgpack feed', async () => {
    const { model } = await loadCheckpoint(MODEL);
    const before = tf.memory().numTensors;
    try {
      const labels = await readLabels(LABELS);
      const config = replayConfig();
      const replayed = await lastValueFrom(inferenceOutputs(config, model, labels, emptyCounters()).pipe(toArray()));
      const camera = await serveAedat4(DEMO, { host: '127.0.0.1', port: 0, speed: 'max' });
      const live = inferenceConfigOf(mergeConfig(PIPELINE_DEFAULTS['stream-infer'], { source: { port: camera.port }, model: MODEL }));
      const counters = emptyCounters();
      const streamed = await lastValueFrom(inferenceOutputs(live, model, labels, counters).pipe(toArray()));
      await camera.close();
      const predictions = (o: InferenceOutput[]) => o.flatMap((x) => ('prediction' in x ? [x.prediction] : []));
      expect(predictions(streamed)).toEqual(predictions(replayed));
      // the same events as a msgpack feed (docs/wire.md)
      const feed = await serveFeed(replayFile(DEMO, { fileName: 'demo.aedat4' }), { port: 0 });
      const fed = inferenceConfigOf(mergeConfig(PIPELINE_DEFAULTS['stream-infer'], { source: { kind: 'feed-tcp', port: feed.port }, model: MODEL }));
      const viaFeed = await lastValueFrom(inferenceOutputs(fed, model, labels, emptyCounters()).pipe(toArray()));
      await feed.close();
      expect(predictions(viaFeed)).toEqual(predictions(replayed));
      expect(predictions(replayed)).toHaveLength(16);
      expect(counters.eventsIn).toBe(69_114);
      const right = predictions(replayed).filter((p) => p.label === p.truth).length;
      expect(right).toBeGreaterThanOrEqual(15);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      model.dispose();
    }
  }, 120_000);
});

describe('the msgpack outputs feed', () => {
  it('sends a hello, every message and an end to a client, in the wire format', async () => {
    const server = await serveMessages({ port: 0, hello: { kind: 'hello', version: 1, width: 34, height: 34 } });
    const socket = connect(server.port, '127.0.0.1');
    const decoder = new FrameDecoder();
    const got: WireMessage[] = [];
    const ended = new Promise<void>((resolve) => socket.on('end', () => resolve()));
    socket.on('data', (chunk: Buffer) => got.push(...decoder.push(new Uint8Array(chunk)).messages));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    await new Promise((r) => setTimeout(r, 50)); // the server has accepted the client
    server.send({ kind: 'prediction', scores: new Float32Array([0.25, 0.75]), startUs: 0, endUs: 315_000 });
    await server.close();
    await ended;
    expect(got.map((m) => m.kind)).toEqual(['hello', 'prediction', 'end']);
    expect(got[1]).toMatchObject({ startUs: 0, endUs: 315_000 });
  });

  it('is not held open by a client that sends garbage and never reads or closes, nor slowed by it', async () => {
    const server = await serveMessages({ port: 0, maxQueueBytes: 64 * 1024 });
    const hostile = connect(server.port, '127.0.0.1');
    hostile.on('error', () => undefined);
    await new Promise<void>((resolve) => hostile.once('connect', () => resolve()));
    hostile.write(Buffer.alloc(1 << 20, 0xff)); // never read by the server
    hostile.pause(); // and this client reads nothing
    await new Promise((r) => setTimeout(r, 50));
    const scores = new Float32Array(16_384); // 64 KiB a message: the hostile client's queue fills
    for (let i = 0; i < 200; i++) server.send({ kind: 'prediction', scores, startUs: i, endUs: i + 1 });
    expect(server.metrics().dropped).toBeGreaterThan(0);
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.metrics().clients).toBe(0); // the server cut the client off itself
    hostile.destroy();
  });
});

describe('spikeguard run / demo', () => {
  it('npm start\'s demo classifies the shipped recording served on loopback, with monitor records and a summary', async () => {
    const started = Date.now();
    const r = await cli('demo', '--json', '--speed', '4');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = lines.at(-1)!.summary as { windows: number; accuracy: number; monitorRecords: number; counters: { eventsIn: number } };
    expect(summary.windows).toBe(16);
    expect(summary.counters.eventsIn).toBe(69_114);
    expect(summary.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(summary.monitorRecords).toBeGreaterThan(0);
    expect(lines.filter((l) => 'monitor' in l)).toHaveLength(summary.monitorRecords);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('reads YAML configs, prints the effective config, and exits 2 with one line for user errors', async () => {
    writeFileSync(join(dir, 'replay.yaml'), `source:\n  path: ${DEMO}\nwindows:\n  bins: 4\nmonitor: true\n`);
    const shown = await cli('run', 'replay', '--config', join(dir, 'replay.yaml'), '--print-config');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ source: { kind: 'file', path: DEMO }, windows: { bins: 4 }, monitor: { every: 5 } });
    for (const args of [['run', 'replay'], ['run', 'nope'], ['run', 'replay', DEMO, '--set', 'windows.binz=3'], ['run', 'replay', join(dir, 'missing.aedat4')],
      ['run', 'replay', DEMO, '--frobnicate'], ['run', 'replay', '--config', join(dir, 'missing.yaml')]]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/error: /);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  }, 120_000);

  it('reports a busy --serve port as a user error, not a crash', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
    const { port } = busy.address() as { port: number };
    try {
      const r = await cli('run', 'replay', DEMO, '--serve', String(port));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: --serve: cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)$/m);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    } finally {
      busy.close();
    }
  }, 60_000);

  it('refuses sizes beyond the memory budget at the window\'s bins before building the model', async () => {
    const r = await cli('run', 'replay', DEMO, '--set', 'windows.bins=64', '--set', 'monitor=true', '--memory-mb', '1');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: csnn-nmnist with windows\.bins 64 \(one stream, monitor backpropagates to the input\) needs about \d+ MiB/m);
  }, 60_000);

  it('replays to a JSONL file and exits 1 when the recording is damaged, after classifying what came before', async () => {
    const bytes = (await import('node:fs')).readFileSync(DEMO);
    const damaged = Buffer.from(bytes);
    damaged.fill(0x5a, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 2000); // garbage over packets in the middle
    writeFileSync(join(dir, 'damaged.aedat4'), damaged);
    const r = await cli('run', 'replay', join(dir, 'damaged.aedat4'), '--json', '--set', `sinks.jsonl=${JSON.stringify(join(dir, 'out.jsonl'))}`);
    expect(r.code).toBe(1);
    const summary = (JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { summary: { windows: number; inputError: string } }).summary;
    expect(summary.inputError).toMatch(/aedat4/);
    expect(summary.windows).toBeGreaterThan(0);
    const written = (await import('node:fs')).readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n');
    expect(written).toHaveLength(summary.windows);
  }, 120_000);

  it('treats a truncated tail as a warning (exit 0) and a JSONL path in a missing folder as a user error', async () => {
    const bytes = (await import('node:fs')).readFileSync(DEMO);
    writeFileSync(join(dir, 'cut.aedat4'), bytes.subarray(0, bytes.length - 7));
    const cut = await cli('run', 'replay', join(dir, 'cut.aedat4'), '--json');
    expect(cut.code, cut.stderr).toBe(0);
    const summary = (JSON.parse(cut.stdout.trim().split('\n').at(-1)!) as { summary: { inputWarning: string; inputError: null } }).summary;
    expect(summary.inputError).toBeNull();
    expect(summary.inputWarning).toMatch(/aedat4/);
    const bad = await cli('run', 'replay', DEMO, '--set', `sinks.jsonl=${JSON.stringify(join(dir, 'no', 'such', 'out.jsonl'))}`);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: ENOENT/m);
  }, 120_000);
});
