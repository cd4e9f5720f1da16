import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { haveNativeZstd } from '../../src/aedat/node/nativeCompressors.js';
import { readEventFile } from '../../src/aedat/node/streamEventFile.js';
import { cli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/samples.js';
import { expectSameDecode } from '../helpers/facts.js';

const dir = mkdtempSync(join(tmpdir(), 'spikeguard-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spikeguard inspect', () => {
  it('prints the JSON summary of a recording', async () => {
    const r = await cli('inspect', join(FIXTURES, 'aedat4_davis346_evlib_sample.aedat4'), '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({
      format: 'aedat4', width: 346, height: 260, events: 6676, on: 3563, off: 3113,
      first: { t: 1589163147368868, x: 215, y: 164, p: 1 },
      last: { t: 1589163147538809, x: 96, y: 229, p: 1 },
      tStart: 1589163147368868, tEnd: 1589163147538809,
      frames: 4, imu: 160, triggers: 17, skipped: {}, error: null,
    });
  });

  it('takes the sensor size of files that do not store it', async () => {
    const s = JSON.parse((await cli('inspect', join(FIXTURES, 'nmnist_sample.bin'), '--sensor', '34x34', '--json')).stdout);
    expect([s.format, s.width, s.height, s.events]).toEqual(['nmnist', 34, 34, 4325]);
  });

  it('reports a truncated file as a warning after its whole events', async () => {
    const cut = join(dir, 'cut.bin');
    writeFileSync(cut, new Uint8Array([1, 2, 0x80, 0, 9, 1, 2]));
    const r = await cli('inspect', cut, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ events: 1, error: { name: 'TruncatedInputError', offsetBytes: 5 } });
    expect(r.stderr).toContain('warning: nmnist: at byte 5');
  });

  it('fails with a clear message on unknown input, missing files and bad options', async () => {
    const junk = join(dir, 'junk.xyz');
    writeFileSync(junk, 'not an event file at all');
    const unknown = await cli('inspect', junk);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error: auto: at byte 0');
    const missing = await cli('inspect', join(dir, 'missing.aedat4'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ENOENT');
    expect((await cli('inspect', junk, '--sensor', '12')).stderr).toContain('--sensor expects WIDTHxHEIGHT');
    expect((await cli('inspect', junk, '--format', 'mp4')).code).not.toBe(0);
    expect((await cli('inspect', junk, '--frobnicate')).stderr).toContain('unknown option');
  });
});

describe('spikeguard convert and bench', () => {
  // zstd needs the optional native zstd-napi (built at install; absent where no compiler exists).
  const codecs = haveNativeZstd() ? ['lz4', 'zstd', 'none'] : ['lz4', 'none'];
  it.each(codecs)('converts to AEDAT 4.0 (%s) without changing an event', async (compression) => {
    const src = join(FIXTURES, 'evt3_gen41_1280x720_expelliarmus.raw');
    const out = join(dir, `evt3-${compression}.aedat4`);
    const r = await cli('convert', src, out, '--compression', compression);
    expect(r.code).toBe(0);
    const a = await readEventFile(src);
    const b = await readEventFile(out);
    expect(b.header?.format).toBe('aedat4');
    expect([b.header?.width, b.header?.height]).toEqual([1280, 720]);
    expectSameDecode({ ...b, header: a.header, skipped: a.skipped }, a, `convert ${compression}`);
  });

  it('bench decode prints {format, events, seconds, mev_per_s}', async () => {
    const r = await cli('bench', 'decode', join(FIXTURES, 'nmnist_sample.bin'), '--repeat', '2', '--runs', '3', '--json');
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).sort()).toEqual(['events', 'format', 'mev_per_s', 'seconds']);
    expect(j).toMatchObject({ format: 'nmnist', events: 2 * 4325 });
    expect(j.mev_per_s).toBeGreaterThan(0);
  });
});
