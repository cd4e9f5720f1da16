/**
 * `npm run bench`: decode throughput per format (median of 5 runs of >= 10 M events each, from
 * memory), AEDAT 4.0 written with none/LZ4/ZSTD, frame binning, and a 1 GiB AEDAT 4.0 file
 * streamed from disk (peak RSS); then filters, replay pipeline, live TCP and msgpack feeds, SNN
 * kernels and csnn-nmnist against the torch peer, attacks, the SR objective, audit throughput and
 * the online monitor, saccade-digits generation, steady-state decoding and dataset-folder loading
 * against the numpy peer (each its own script under test/bench/).
 * Numbers only: nothing here asserts a time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { openDecoder } from '../../src/aedat/openDecoder.js';
import { writeAedat4, type Aedat4Compression } from '../../src/aedat/aedat4/Aedat4Writer.js';
import { nativeZstdCompressor } from '../../src/aedat/node/nativeCompressors.js';
import { benchFile, sampleFiles, type DecodeRow } from './decodeSamples.js';

const rows: DecodeRow[] = [];
const samples = sampleFiles();
for (const { name, path } of samples) rows.push(benchFile(name, path));

// AEDAT 4.0 in each compression, from the largest real event recording we have.
const source = samples.find((s) => s.name.startsWith('evt2')) ?? samples.find((s) => s.name.startsWith('evt3'))!;
const events = decodeAll(openDecoder({ fileName: source.path }), new Uint8Array(readFileSync(source.path))).events;
const scratch = mkdtempSync(join(tmpdir(), 'spikeguard-bench-'));
try {
  for (const compression of ['none', 'lz4', 'zstd'] as Aedat4Compression[]) {
    const compressor = compression === 'zstd' ? nativeZstdCompressor() ?? undefined : undefined;
    const file = join(scratch, `${compression}.aedat4`);
    writeFileSync(file, writeAedat4([events], { width: events.width, height: events.height, compression, compressor }));
    rows.push(benchFile(`${source.name} → aedat4 ${compression}${compression === 'zstd' && !compressor ? ' (stored)' : ''}`, file));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log('\nDecode throughput (`spikeguard bench decode`, a fresh process per file; from memory, median of 5 runs of >= 10 M events)');
console.log('file'.padEnd(58), 'format'.padEnd(8), 'M ev/s'.padStart(8), 'repeat'.padStart(7));
for (const r of rows) {
  console.log(r.file.padEnd(58), String(r.format).padEnd(8), r.mev_per_s.toFixed(1).padStart(8), String(r.repeat).padStart(7));
}

console.log('\nBinning into spike frames (separate process)…');
console.log(execFileSync(process.execPath, ['--import', 'tsx', 'test/bench/binFrames.ts'], { encoding: 'utf8' }).trim());

console.log('\nA 1 GiB AEDAT 4.0 (LZ4) file: written, then streamed from disk (one process each)…');
const big = join(tmpdir(), `spikeguard-1gb-${process.pid}.aedat4`);
try {
  for (const mode of ['write', 'decode']) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/bench/stream1gb.ts', mode, big], { encoding: 'utf8' });
    console.log(out.trim());
  }
} finally {
  rmSync(big, { force: true });
}
const child = (label: string, script: string, ...args: string[]): void => {
  console.log(`\n${label}…`);
  console.log(execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' }).trim());
};
child('Filters (M events/s)', 'test/bench/filters.ts');
child('Replay → windows → frames end to end', 'test/bench/replayPipeline.ts');
child('Live AEDAT 4.0 over loopback TCP, client-side ingest from pre-encoded LZ4 packets', 'test/bench/aedat4Ingest.ts');
child('Live AEDAT 4.0 over loopback TCP, server and client in one process (throughput, latency)', 'test/bench/aedat4Tcp.ts');
child('msgpack feed over loopback TCP', 'test/bench/feedLoopback.ts');
child('SNN kernels (wasm)', 'test/bench/snnKernels.ts');
child('csnn-nmnist against the torch peer (inference, training step, SR step)', 'test/bench/snnVsPeer.ts');
child('Attacks on spike tensors (csnn-nmnist, wasm)', 'test/bench/attacks.ts');
child('SR objective: clean pass once vs twice', 'test/bench/srObjective.ts');
child('Audit throughput (PGD-10, 256 samples, 2 workers)', 'test/bench/auditThroughput.ts', '256', '2');
child('Online robustness monitor', 'test/bench/monitor.ts');
child('Saccade digits generation', 'test/bench/saccadeDigits.ts');
child('Steady-state decode against the numpy peer (interleaved per file)', 'test/bench/decodeVsNumpy.ts', '3');
child('Dataset folders against the numpy peer (cold process per load)', 'test/bench/datasetLoad.ts', '1000', '5', '10000');
console.log(JSON.stringify({ decode: rows }));
