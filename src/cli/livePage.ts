import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import type { InferenceConfig, InferenceHooks, InferenceSummary } from '../../pipelines/index.js';
import type { EventBatch } from '../events/index.js';
import { ConfigError } from '../errors.js';
import { packageRoot } from './version.js';

/** The live monitor page's server: a static page and a WebSocket of JSON messages (`web/live/README.md`). */
export interface LivePage {
  readonly url: string;
  readonly port: number;
  /** Sends a JSON message to every page connected now (skipped for a page that is behind). */
  broadcast(message: Readonly<Record<string, unknown>>): void;
  /** Announces the events' sensor size to the pages (and to every page that connects later). */
  setSensor(width: number, height: number): void;
  summary(s: InferenceSummary): void;
  close(): Promise<void>;
}

const STATIC: Readonly<Record<string, string>> = {
  '/': 'index.html', '/index.html': 'index.html', '/live.js': 'live.js', '/live.css': 'live.css',
};
const TYPES: Readonly<Record<string, string>> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
/** A page with more than this many bytes unsent is behind: messages to it are skipped. */
const MAX_BUFFERED = 4 << 20;

/**
 * Serves the live monitor page on 127.0.0.1:`port` (0: any free port): `web/live/` (no CDN) and
 * `/ws`, a WebSocket sending a `hello` with the sensor and class names to each page, then the
 * messages given to {@link LivePage.broadcast}.
 * @throws ConfigError (rejected) when the port cannot be bound.
 */
export async function startLivePage(port: number, config: Pick<InferenceConfig, 'classes' | 'windows' | 'model'>): Promise<LivePage> {
  const dir = join(packageRoot(), 'web', 'live');
  const http: Server = createServer((req, res) => {
    const file = STATIC[(req.url ?? '/').split('?')[0]!];
    if (file === undefined || req.method !== 'GET') {
      res.writeHead(404).end('not found');
      return;
    }
    readFile(join(dir, file)).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[file.split('.').pop()!]!, 'cache-control': 'no-store' }).end(body),
      () => res.writeHead(500).end(`missing ${file}`),
    );
  });
  const wss = new WebSocketServer({ server: http, path: '/ws', maxPayload: 1024 });
  let sensor: { width: number; height: number } | null = null;
  const hello = (): string => JSON.stringify({ type: 'hello', sensor, classes: config.classes ?? [], windowUs: config.windows.windowUs, model: config.model });
  let skipped = 0;
  wss.on('connection', (ws) => {
    ws.on('error', () => ws.terminate());
    ws.send(hello());
  });
  await new Promise<void>((resolve, reject) => {
    // ws re-emits the HTTP server's errors on itself: handled there, or a busy port would crash the process
    wss.on('error', (e: NodeJS.ErrnoException) => {
      wss.close();
      reject(new ConfigError(`--serve: cannot listen on 127.0.0.1:${port} (${e.code ?? e.message})`));
    });
    http.listen(port, '127.0.0.1', () => resolve());
  });
  const address = http.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  const broadcast = (message: Readonly<Record<string, unknown>>): void => {
    const text = JSON.stringify({ ...message, skipped });
    for (const ws of wss.clients) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (ws.bufferedAmount > MAX_BUFFERED) skipped++;
      else ws.send(text);
    }
  };
  return {
    url: `http://127.0.0.1:${bound}/`, port: bound, broadcast,
    setSensor(width, height) {
      sensor = { width, height };
      broadcast({ type: 'sensor', width, height });
    },
    summary: (s) => broadcast({ type: 'summary', summary: s }),
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** How often the page gets an event frame (wall time), and the span of event time it shows. */
const FRAME_MS = 50;
const FRAME_SPAN_US = 30_000;

/**
 * Hooks that feed a live page: the sensor size from the events; every {@link FRAME_MS} ms, the events of the last
 * {@link FRAME_SPAN_US} µs of event time as counts per pixel and polarity (base64 bytes: OFF plane,
 * then ON, row-major, capped at 255); predictions (with the counters), monitor records as they come.
 */
export function liveHooks(page: LivePage): Pick<InferenceHooks, 'onEvents' | 'onOutput'> {
  let sensor = { width: 0, height: 0 };
  let cells = 0;
  let counts = new Uint8Array(0);
  let recent: EventBatch[] = [];
  let last = 0;
  return {
    onEvents: (b: EventBatch) => {
      if (b.width !== sensor.width || b.height !== sensor.height) {
        // the sensor is known from the events (a stream may announce a new one)
        sensor = { width: b.width, height: b.height };
        cells = b.width * b.height;
        counts = new Uint8Array(2 * cells);
        recent = [];
        page.setSensor(b.width, b.height);
      }
      if (b.t.length === 0) return;
      const endUs = b.t[b.t.length - 1]!;
      const fromUs = endUs - FRAME_SPAN_US;
      recent = [...recent.filter((r) => r.t[r.t.length - 1]! >= fromUs), b];
      const now = performance.now();
      if (now - last < FRAME_MS) return;
      last = now;
      counts.fill(0);
      let events = 0;
      for (const r of recent) {
        for (let i = 0; i < r.t.length; i++) {
          const x = r.x[i]!;
          const y = r.y[i]!;
          if (r.t[i]! < fromUs || x >= sensor.width || y >= sensor.height) continue;
          const k = (r.p[i]! === 1 ? cells : 0) + y * sensor.width + x;
          if (counts[k]! < 255) counts[k]!++;
          events++;
        }
      }
      page.broadcast({ type: 'frame', endUs, events, counts: Buffer.from(counts).toString('base64') });
    },
    onOutput: (o, counters) => {
      if ('monitor' in o) page.broadcast({ type: 'monitor', record: o.monitor });
      else page.broadcast({ type: 'prediction', ...o.prediction, counters });
    },
  };
}
