import { concat, lastValueFrom, of, throwError, toArray } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Ending, isTruncatedTail, reportEnding, untilInputFault } from '../../src/cli/ending.js';
import { ConfigError, DecodeError, TruncatedInputError } from '../../src/errors.js';
import { ConnectionError } from '../../src/streams/ConnectionError.js';

const truncated = new TruncatedInputError('nmnist', 20, 'a 5-byte record', '1 byte');
const corrupt = new DecodeError('aedat4', 99, 'a packet', 'garbage');
const failingAfter = (e: unknown) => concat(of(1, 2), throwError(() => e));

describe('untilInputFault', () => {
  it.each([truncated, corrupt, new ConnectionError('h', 1, 'ECONNRESET', 1)])('completes after what came before a %s and keeps it', async (e) => {
    const ending: Ending = {};
    expect(await lastValueFrom(failingAfter(e).pipe(untilInputFault(ending), toArray()))).toEqual([1, 2]);
    expect(ending.fault).toBe(e);
  });

  it('rethrows a fault other than a truncated tail when asked (a server must pass it on)', async () => {
    const ending: Ending = {};
    await expect(lastValueFrom(failingAfter(corrupt).pipe(untilInputFault(ending, true)))).rejects.toBe(corrupt);
    expect(ending.fault).toBe(corrupt);
    expect(await lastValueFrom(failingAfter(truncated).pipe(untilInputFault({}, true), toArray()))).toEqual([1, 2]);
  });

  it('lets other errors through untouched', async () => {
    const ending: Ending = {};
    const bug = new ConfigError('not an input fault');
    await expect(lastValueFrom(failingAfter(bug).pipe(untilInputFault(ending)))).rejects.toBe(bug);
    expect(ending.fault).toBeUndefined();
  });
});

describe('reportEnding', () => {
  const saved = process.exitCode;
  afterEach(() => {
    process.exitCode = saved;
    vi.restoreAllMocks();
  });

  it('warns on a truncated tail and leaves the exit code; errors on anything else with exit code 1', () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => { lines.push(String(s)); return true; });
    process.exitCode = undefined;
    reportEnding(undefined, 'kept');
    reportEnding(truncated, 'every event before it was used');
    expect(process.exitCode).toBeUndefined();
    reportEnding(corrupt, 'kept');
    expect(process.exitCode).toBe(1);
    expect(lines).toEqual([
      'warning: nmnist: at byte 20: expected a 5-byte record, got 1 byte (a truncated tail; every event before it was used)\n',
      'error: aedat4: at byte 99: expected a packet, got garbage (kept)\n',
    ]);
  });
});

describe('an input that ends before its format is recognised', () => {
  const saved = process.exitCode;
  afterEach(() => {
    process.exitCode = saved;
    vi.restoreAllMocks();
  });

  it('is no truncated tail but an error: exit 1, and a server passes it on', async () => {
    const empty = new TruncatedInputError('auto', 0, 'an event file', 'an empty input (0 bytes)');
    expect(isTruncatedTail(empty)).toBe(false);
    expect(isTruncatedTail(truncated)).toBe(true);
    await expect(lastValueFrom(failingAfter(empty).pipe(untilInputFault({}, true)))).rejects.toBe(empty);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.exitCode = undefined;
    reportEnding(empty, 'kept');
    expect(process.exitCode).toBe(1);
  });
});
