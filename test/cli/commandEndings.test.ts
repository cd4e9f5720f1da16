import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEventFile } from '../../src/aedat/node/streamEventFile.js';
import { cli } from '../helpers/cli.js';
import { FIXTURES, REPO_ROOT } from '../helpers/samples.js';
import { spawnCli, streamServer } from './spawnCli.js';

const dir = mkdtempSync(join(tmpdir(), 'spikeguard-endings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const DAVIS = join(FIXTURES, 'aedat4_davis346_evlib_sample.aedat4');
const NMNIST = join(FIXTURES, 'nmnist_sample.bin');

/** The DAVIS346 fixture with 64 bytes of 0xff in the middle: 3154 events, then a DecodeError. */
function corrupted(): string {
  const bytes = readFileSync(DAVIS);
  bytes.fill(0xff, bytes.length >> 1, (bytes.length >> 1) + 64);
  const path = join(dir, 'corrupt.aedat4');
  writeFileSync(path, bytes);
  return path;
}

describe('stream: input errors as inspect reports them', () => {
  it.each([
    ['an empty file', '', 'got an empty input'],
    ['an unrecognised file', 'not an event file at all', 'got no known magic'],
  ])('gives the detection error for %s', async (_name, content, expected) => {
    const path = join(dir, `${_name.replace(/\W/g, '')}.xyz`);
    writeFileSync(path, content);
    const inspect = await cli('inspect', path);
    const stream = await cli('stream', path, '--tcp', '127.0.0.1:0');
    expect(stream.code).toBe(1);
    expect(stream.stderr).toContain(expected);
    expect(inspect.stderr.startsWith(stream.stderr.trim())).toBe(true); // inspect adds what its summary covers
  });

  it('names the path of a directory given as input', async () => {
    const r = await cli('stream', dir, '--tcp', '127.0.0.1:0');
    expect([r.code, r.stderr.trim()]).toEqual([2, `error: ${dir} is a directory, not an event file`]);
  });
});

describe('stream → record: one ending policy on both sides', () => {
  it('a decode fault in the served file reaches the client as a fault: the file is finalised, both exit 1', async () => {
    const { server, port } = await streamServer(corrupted(), '--speed', 'max');
    const out = join(dir, 'cut.aedat4');
    const rec = spawnCli('record', '--tcp', `127.0.0.1:${port}`, out);
    expect(await rec.exit, rec.stderr).toBe(1);
    expect(rec.stderr).toContain('was cut by a server fault (connection reset)');
    expect(await server.exit).toBe(1);
    expect(server.stderr).toMatch(/error: aedat4: at byte \d+: .*every event before it was sent/);
    const b = await readEventFile(out);
    expect(b.error).toBeUndefined();
    expect(Number(b.header?.metadata['dataTablePosition'])).toBeGreaterThan(0);
    expect(b.events.t.length).toBeLessThanOrEqual(3154);
  }, 60_000);

  it('a truncated tail in the served file ends the stream normally: every whole event, warnings, exit 0', async () => {
    const cut = join(dir, 'tail.bin');
    writeFileSync(cut, Buffer.concat([readFileSync(NMNIST), Buffer.of(7)]));
    const { server, port } = await streamServer(cut, '--sensor', '34x34', '--speed', 'max');
    const out = join(dir, 'tail.aedat4');
    const rec = spawnCli('record', '--tcp', `127.0.0.1:${port}`, out);
    expect(await rec.exit, rec.stderr).toBe(0);
    expect(await server.exit, server.stderr).toBe(0);
    expect(server.stderr).toMatch(/warning: nmnist: at byte 21625/);
    expect((await readEventFile(out)).events.t.length).toBe(4325);
  }, 60_000);
});

describe('record: output checks, timeouts', () => {
  it('fails with ENOENT for a missing directory, 20 times out of 20, connecting to nothing', async () => {
    const { server, port } = await streamServer(DAVIS, '--loop');
    const out = join(dir, 'no', 'such', 'dir', 'x.aedat4');
    const runs = [];
    for (let i = 0; i < 20; i++) runs.push(await cli('record', '--tcp', `127.0.0.1:${port}`, out));
    for (const r of runs) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: ENOENT: no such file or directory, stat '.*\/no\/such\/dir'\n$/);
    }
    server.proc.kill('SIGINT');
    expect(await server.exit).toBe(0);
    expect(server.stderr).toContain('to 0 client(s)'); // the path was checked before connecting
  }, 120_000);

  it('gives up after --timeout seconds against a server that sends nothing, leaving no file', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const sub = mkdtempSync(join(dir, 'silent-'));
    try {
      const r = await cli('record', '--tcp', `127.0.0.1:${port}`, join(sub, 'x.aedat4'), '--timeout', '0.5');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`error: 127.0.0.1:${port} sent no events for 0.5 s (--timeout)`);
      expect(readdirSync(sub)).toEqual([]);
      expect((await cli('record', '--tcp', `127.0.0.1:${port}`, join(sub, 'x'), '--timeout', 'soon')).code).not.toBe(0);
    } finally {
      silent.close();
    }
  }, 60_000);
});

describe('spikeguard --version', () => {
  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await cli('--version');
    expect([r.code, r.stdout.trim()]).toEqual([0, version]);
  });
});
