import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../../src/events/EventBatch.js';
import { feedSource } from '../../../src/sources/feed/feedSource.js';
import { REPO_ROOT } from '../../helpers/samples.js';
import { columns } from '../../wire/wireHelpers.js';
import { settle } from './feedHelpers.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(REPO_ROOT, 'examples', 'python', 'send_events.py');
const HAVE_MSGPACK = spawnSync(PYTHON, ['-c', 'import msgpack'], { stdio: 'ignore' }).status === 0;
if (!HAVE_MSGPACK) {
  console.warn(`[spikeguard tests] ${PYTHON} has no msgpack module (apt-get install python3-msgpack): the Python sender test is skipped.`);
}

interface Sent { width: number; height: number; batches: { x: number[]; y: number[]; t: number[]; p: number[] }[] }

function runScript(port: number): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SCRIPT, '--port', String(port), '--batches', '4', '--events', '777', '--width', '640', '--height', '480', '--print']);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as Sent) : reject(new Error(`send_events.py exited ${code}: ${err}`))));
  });
}

describe.skipIf(!HAVE_MSGPACK)('examples/python/send_events.py', () => {
  it('produces a feed that feedSource reads exactly', async () => {
    let bound!: (port: number) => void;
    const port = new Promise<number>((r) => (bound = r));
    const received = settle<EventBatch>(feedSource({ listen: { port: 0 } }, { onListening: (a) => bound(a.port) }));
    const sent = await runScript(await port);
    const got = await received;
    expect(got.error).toBeUndefined();
    expect(got.values.map(columns)).toEqual(sent.batches);
    expect(got.values.every((b) => b.width === 640 && b.height === 480)).toBe(true);
  });
});
