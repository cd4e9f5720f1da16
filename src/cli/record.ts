import { type FileHandle, open } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { Subject, lastValueFrom, takeUntil } from 'rxjs';
import { type Aedat4Compression, type Aedat4Writer, createAedat4Writer } from '../aedat/aedat4/Aedat4Writer.js';
import type { FileHeader } from '../aedat/core/types.js';
import { nativeZstdCompressor } from '../aedat/node/nativeCompressors.js';
import type { EventBatch } from '../events/EventBatch.js';
import { ConfigError, TruncatedInputError } from '../errors.js';
import { aedat4TcpSource } from '../sources/aedat4Net/aedat4TcpSource.js';
import { consumeWith } from '../streams/flow/consumeWith.js';
import type { FlowPolicy } from '../streams/flow/FlowPolicy.js';
import { createValve } from '../streams/flow/Valve.js';
import { parseHostPort } from './stream.js';

/** What {@link recordTcp} wrote. */
export interface RecordResult {
  readonly events: number;
  readonly bytes: number;
  /** Why recording stopped early (a truncated last packet is a warning, anything else a fault). */
  readonly error?: unknown;
}

/** The output file, opened once the stream's IOHeader says the sensor size. */
class Recording {
  events = 0;
  bytes = 0;
  private constructor(private readonly file: FileHandle, private readonly writer: Aedat4Writer) {}

  static async open(path: string, h: FileHeader, compression: Aedat4Compression): Promise<Recording> {
    const compressor = compression === 'zstd' ? nativeZstdCompressor() : undefined;
    if (compressor === null) throw new ConfigError('zstd needs the optional zstd-napi package');
    const writer = createAedat4Writer({ width: h.width ?? 1, height: h.height ?? 1, compression, ...(compressor ? { compressor } : {}) });
    const r = new Recording(await open(path, 'w'), writer);
    await r.put(writer.start());
    return r;
  }

  async write(b: EventBatch): Promise<void> {
    this.events += b.t.length;
    for (const p of this.writer.write(b)) await this.put(p);
  }

  /** Writes the last packet and the FileDataTable, patches the IOHeader, closes the file. */
  async finish(): Promise<void> {
    const { tail, patch } = this.writer.finish();
    await this.put(tail);
    await this.file.write(patch.bytes, 0, patch.bytes.length, patch.offset);
    await this.file.close();
  }

  private async put(b: Uint8Array): Promise<void> {
    await this.file.write(b);
    this.bytes += b.length;
  }
}

/**
 * Records a live AEDAT 4.0 network stream into an AEDAT 4.0 file until the server closes the
 * connection or `stop$` emits; the file is finalised (last packet, FileDataTable) either way.
 * Lossless: the socket is paused while the disk falls behind (TCP backpressure), so nothing is
 * dropped. No file is created when the server never sent an IOHeader.
 */
export async function recordTcp(host: string, port: number, path: string, compression: Aedat4Compression, stop$: Subject<void>): Promise<RecordResult> {
  const policy: FlowPolicy = { kind: 'lossless', valve: createValve(), highWaterBatches: 8 };
  let opening: Promise<Recording> | null = null;
  const onHeader = (h: FileHeader) => { opening ??= Recording.open(path, h, compression); };
  const write = async (b: EventBatch) => { await (await opening!).write(b); };
  let error: unknown;
  try {
    await lastValueFrom(aedat4TcpSource({ host, port, policy, onHeader }).pipe(takeUntil(stop$), consumeWith(write, policy)), { defaultValue: undefined });
  } catch (e) {
    error = e;
  }
  if (opening === null) throw error ?? new ConfigError(`${host}:${port} sent no AEDAT 4.0 header`);
  const rec: Recording = await opening;
  await rec.finish();
  return { events: rec.events, bytes: rec.bytes, ...(error !== undefined ? { error } : {}) };
}

/** Registers `spikeguard record --tcp HOST:PORT OUT.aedat4 [--compression lz4|zstd|none]`. */
export function registerRecord(program: Command): void {
  program
    .command('record')
    .description('record a live AEDAT 4.0 network stream until the server closes it or Ctrl-C')
    .argument('<out>', 'output .aedat4 file')
    .requiredOption('--tcp <host:port>', 'server to connect to')
    .addOption(new Option('--compression <codec>', 'packet compression').choices(['lz4', 'zstd', 'none']).default('lz4'))
    .action(async (out: string, flags: { tcp: string; compression: Aedat4Compression }) => {
      const { host, port } = parseHostPort(flags.tcp);
      const stop$ = new Subject<void>();
      const interrupt = () => stop$.next();
      process.once('SIGINT', interrupt);
      process.once('SIGTERM', interrupt);
      try {
        const r = await recordTcp(host, port, out, flags.compression, stop$);
        process.stderr.write(`${out}: ${r.events} events, ${r.bytes} bytes (${flags.compression})\n`);
        if (r.error !== undefined) {
          const truncated = r.error instanceof TruncatedInputError;
          process.stderr.write(`${truncated ? 'warning' : 'error'}: ${(r.error as Error).message} (events before it were written)\n`);
          if (!truncated) process.exitCode = 1;
        }
      } finally {
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
      }
    });
}
