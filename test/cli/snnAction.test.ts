import { describe, expect, it } from 'vitest';
import { snnAction } from '../../src/cli/snnAction.js';
import { BackendError, ConfigError } from '../../src/errors.js';

describe('snnAction (the SNN commands\' error boundary)', () => {
  it('turns a tfjs/emscripten failure into a one-line BackendError', async () => {
    // what tfjs-wasm throws: a RuntimeError whose message can carry pages of minified source
    const crash = new Error(`memory access out of bounds\n${'var Module=typeof WasmBackendModule;'.repeat(900)}`);
    crash.name = 'RuntimeError';
    const err = await snnAction(async () => { throw crash; })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    const message = (err as Error).message;
    expect(message).toMatch(/internal failure \(RuntimeError: memory access out of bounds\); if the sizes are large, lower --batch/);
    expect(message).not.toContain('\n');
    expect(message.length).toBeLessThan(400);
  });

  it('passes the errors the CLI already reports, and the action\'s arguments', async () => {
    const config = new ConfigError('bad option');
    await expect(snnAction(async () => { throw config; })()).rejects.toBe(config);
    const enoent = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', syscall: 'open' });
    await expect(snnAction(async () => { throw enoent; })()).rejects.toBe(enoent);
    const seen: unknown[] = [];
    await snnAction(async (a: string, b: number) => { seen.push(a, b); })('file', 2);
    expect(seen).toEqual(['file', 2]);
  });
});
