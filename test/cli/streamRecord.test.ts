import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { from, lastValueFrom, toArray } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';
import { readEventFile } from '../../src/aedat/node/streamEventFile.js';
import { toFrames, windowEvents } from '../../src/transforms/index.js';
import { FIXTURES } from '../helpers/samples.js';
import { spawnCli as cli, stderrMatch } from './spawnCli.js';

const dir = mkdtempSync(join(tmpdir(), 'spikeguard-net-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SAMPLE = join(FIXTURES, 'aedat4_davis346_evlib_sample.aedat4');

async function frames(path: string): Promise<Buffer[]> {
  const { events } = await readEventFile(path);
  const fs = await lastValueFrom(from([events]).pipe(windowEvents({ by: 'time', windowUs: 10_000 }), toFrames({ width: 346, height: 260 }), toArray()));
  return fs.map((f) => Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength));
}

describe('spikeguard stream and record', () => {
  it('records a served recording over loopback: same events, same spike tensors, valid file', async () => {
    const server = cli('stream', SAMPLE, '--tcp', '127.0.0.1:0', '--speed', '1');
    const port = (await stderrMatch(server, /listening on 127\.0\.0\.1:(\d+)/))[1]!;
    const out = join(dir, 'live.aedat4');
    const rec = cli('record', '--tcp', `127.0.0.1:${port}`, out);
    expect(await rec.exit).toBe(0);
    expect(await server.exit).toBe(0);
    expect(server.stderr).toContain('complete: 6676 events');
    const a = await readEventFile(SAMPLE);
    const b = await readEventFile(out);
    expect(b.error).toBeUndefined();
    expect(Number(b.header?.metadata['dataTablePosition'])).toBeGreaterThan(0); // finalised: the table is written
    expect(Array.from(b.events.t)).toEqual(Array.from(a.events.t));
    expect(Array.from(b.events.x)).toEqual(Array.from(a.events.x));
    expect(Array.from(b.events.y)).toEqual(Array.from(a.events.y));
    expect(Array.from(b.events.p)).toEqual(Array.from(a.events.p));
    const [fa, fb] = [await frames(SAMPLE), await frames(out)];
    expect(fa.length).toBe(18);
    expect(fb.every((f, i) => f.equals(fa[i]!))).toBe(true);
  }, 60_000);

  it('finalises a valid file when record is interrupted with SIGINT', async () => {
    const server = cli('stream', SAMPLE, '--tcp', '127.0.0.1:0', '--speed', '1', '--loop', '--compression', 'none');
    const port = (await stderrMatch(server, /listening on 127\.0\.0\.1:(\d+)/))[1]!;
    const out = join(dir, 'interrupted.aedat4');
    const rec = cli('record', '--tcp', `127.0.0.1:${port}`, out);
    for (let i = 0; i < 400 && !(sizeOf(out) > 50_000); i++) await new Promise((r) => setTimeout(r, 25));
    rec.proc.kill('SIGINT');
    expect(await rec.exit).toBe(0);
    server.proc.kill('SIGINT');
    expect(await server.exit).toBe(0);
    expect(server.stderr).toContain('closed:');
    const b = await readEventFile(out);
    expect(b.error).toBeUndefined();
    expect(Number(b.header?.metadata['dataTablePosition'])).toBeGreaterThan(0); // finalised: the table is written
    const n = b.events.t.length;
    expect(n).toBeGreaterThan(1000);
    const a = (await readEventFile(SAMPLE)).events;
    expect(Array.from(b.events.x.subarray(0, Math.min(n, 6676)))).toEqual(Array.from(a.x.subarray(0, Math.min(n, 6676))));
  }, 60_000);

  it('fails clearly when nothing listens or the address is malformed', async () => {
    const refused = cli('record', '--tcp', '127.0.0.1:1', join(dir, 'none.aedat4'));
    expect(await refused.exit).toBe(1);
    expect(refused.stderr).toContain('ECONNREFUSED');
    const bad = cli('stream', SAMPLE, '--tcp', 'nowhere');
    expect(await bad.exit).toBe(2);
    expect(bad.stderr).toContain('--tcp expects HOST:PORT');
  }, 60_000);
});

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
