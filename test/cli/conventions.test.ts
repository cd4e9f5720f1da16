import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const COMMANDS = [
  ['inspect'], ['convert'], ['bench', 'decode'], ['bench', 'snn'], ['stream'], ['record'], ['train'], ['classify'], ['export'], ['audit'],
  ['dataset', 'saccade-digits'], ['dataset', 'info'], ['dataset', 'render'], ['run'], ['demo'], ['serve'],
];

describe('CLI conventions', () => {
  it.each(COMMANDS.map((c) => [c.join(' '), c] as const))('`%s --help` describes the command and --quiet, exit 0', async (_name, command) => {
    const r = await cli(...command, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: spikeguard /);
    expect(r.stdout).toContain('--quiet');
  }, 60_000);

  it('prints plain progress lines when stderr is not a terminal, and nothing but results with --quiet', async () => {
    const args = ['train', '--data', 'moving-bars', '--samples', '64', '--epochs', '1', '--batch', '16'];
    const loud = await cli(...args);
    expect(loud.code).toBe(0);
    expect(loud.stderr).toMatch(/^epoch 1: \d+\/\d+ batches, loss \d/m);
    expect(loud.stderr).toMatch(/tfjs backend/);
    const quiet = await cli(...args, '--quiet');
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toMatch(/^epoch 1: loss \d/m);
  }, 120_000);

  it('separates user errors (exit 2, one line) from faults (exit 1)', async () => {
    const usage = await cli('train', '--epochs', 'many');
    expect(usage.code).toBe(2);
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    const fault = await cli('record', '--tcp', '127.0.0.1:1', '/tmp/sg-never.aedat4');
    expect(fault.code).toBe(1);
    for (const r of [usage, unknown, fault]) expect(r.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);
});
