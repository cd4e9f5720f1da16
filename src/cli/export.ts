import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { modelToNpz } from '../robust/npz/modelNpz.js';
import { loadCheckpoint, selectBackend } from '../snn/index.js';
import { writeAtomically } from './atomicOutput.js';

/** Registers `spikeguard export CK --npz OUT`: a checkpoint's weights as NumPy arrays. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write a checkpoint\'s weights as NumPy arrays (.npz, tfjs layouts; see docs/npz.md)')
    .argument('<checkpoint>', 'model checkpoint (spikeguard train --out)')
    .requiredOption('--npz <out>', 'output .npz file')
    .action(async (checkpoint: string, f: { npz: string }) => {
      const r = await exportCheckpoint(checkpoint, f.npz);
      process.stderr.write(`${f.npz}: ${r.arrays} arrays, ${r.bytes} bytes\n`);
    });
}

/**
 * Loads `checkpoint` (cpu backend: only the weights are read) and writes its `.npz` to `out`
 * through a temporary file and a rename, so `out` is either the old file or the whole new one.
 * @throws ConfigError when `out` is the checkpoint itself; CheckpointError for a bad checkpoint;
 * the OS error when a file cannot be read or written.
 */
async function exportCheckpoint(checkpoint: string, out: string): Promise<{ arrays: number; bytes: number }> {
  return writeAtomically(out, [checkpoint], async (tempPath) => {
    await selectBackend({ backend: 'cpu', log: () => {} });
    const { model } = await loadCheckpoint(checkpoint);
    let bytes: Uint8Array;
    try {
      bytes = modelToNpz(model);
    } finally {
      model.dispose();
    }
    await writeFile(tempPath, bytes);
    return { arrays: model.params.length + 1, bytes: bytes.length };
  });
}
