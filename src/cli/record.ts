import { type Command, Option } from 'commander';
import { Subject, identity, lastValueFrom, takeUntil, tap, throwError, timeout } from 'rxjs';
import type { Aedat4Compression } from '../aedat/aedat4/Aedat4Writer.js';
import type { EventBatch } from '../events/EventBatch.js';
import { ConfigError, SpikeguardError } from '../errors.js';
import { aedat4TcpSource } from '../sources/aedat4Net/aedat4TcpSource.js';
import { ConnectionError } from '../streams/ConnectionError.js';
import { consumeWith } from '../streams/flow/consumeWith.js';
import type { FlowPolicy } from '../streams/flow/FlowPolicy.js';
import { createValve } from '../streams/flow/Valve.js';
import { prepareOutput } from './atomicOutput.js';
import { reportEnding } from './ending.js';
import { positiveNumber } from './numberOption.js';
import { eventRate, startProgress } from './progress.js';
import { Recording } from './recording.js';
import { parseHostPort } from './stream.js';

/** What {@link recordTcp} wrote. */
export interface RecordResult {
  readonly events: number;
  readonly bytes: number;
  /** Why recording stopped early (a truncated last packet is a warning, anything else a fault). */
  readonly error?: unknown;
}

/** Options of {@link recordTcp}. */
export interface RecordOptions {
  readonly compression: Aedat4Compression;
  /** Ends the recording (the file is finalised). */
  readonly stop$: Subject<void>;
  /** Seconds to wait for the connection and for each batch before giving up (default: forever). */
  readonly timeoutSeconds?: number;
  /** Receives every batch written (for progress). */
  readonly onBatch?: (b: EventBatch) => void;
}

/** No data came from the server within `--timeout`. */
export class RecordTimeoutError extends SpikeguardError {
  override readonly name: string = 'RecordTimeoutError';
}

/**
 * Records a live AEDAT 4.0 network stream into an AEDAT 4.0 file until the server closes the
 * connection, `stop$` emits, the stream faults or `timeoutSeconds` pass without data; the file is
 * finalised (last packet, FileDataTable) and renamed into place in every case once the stream's
 * IOHeader came. Lossless: the socket is paused while the disk falls behind (TCP backpressure).
 * The output path is checked before connecting.
 * @throws ConfigError, fs errors (ENOENT, …) on a bad output path; the stream's error when no
 *   IOHeader came (no file is left then).
 */
async function recordTcp(host: string, port: number, path: string, o: RecordOptions): Promise<RecordResult> {
  const rec = await Recording.create(await prepareOutput(path), o.compression);
  const policy: FlowPolicy = { kind: 'lossless', valve: createValve(), highWaterBatches: 8 };
  const ms = (o.timeoutSeconds ?? 0) * 1000;
  const idle = () => throwError(() => new RecordTimeoutError(`${host}:${port} sent no events for ${o.timeoutSeconds} s (--timeout)`));
  let error: unknown;
  try {
    await lastValueFrom(aedat4TcpSource({ host, port, policy, onHeader: (h) => rec.begin(h) }).pipe(
      o.timeoutSeconds === undefined ? identity : timeout({ first: ms, each: ms, with: idle }),
      takeUntil(o.stop$),
      tap((b) => o.onBatch?.(b)),
      consumeWith((b) => rec.write(b), policy),
    ), { defaultValue: undefined });
  } catch (e) {
    error = e;
  }
  if (!rec.started) {
    await rec.discard();
    throw error ?? new ConfigError(`${host}:${port} sent no AEDAT 4.0 header`);
  }
  try {
    await rec.finish();
  } catch (e) {
    await rec.discard();
    throw e;
  }
  return { events: rec.events, bytes: rec.bytes, ...(error !== undefined ? { error: explained(error) } : {}) };
}

/** The server reset the connection: how it reports its own fault (the framing has no error message). */
export class StreamCutError extends SpikeguardError {
  override readonly name: string = 'StreamCutError';
}

function explained(e: unknown): unknown {
  if (!(e instanceof ConnectionError) || e.code !== 'ECONNRESET') return e;
  return new StreamCutError(`the stream from ${e.host}:${e.port} was cut by a server fault (connection reset)`);
}

/** Registers `spikeguard record --tcp HOST:PORT OUT.aedat4 [--compression lz4|zstd|none] [--timeout S]`. */
export function registerRecord(program: Command): void {
  program
    .command('record')
    .description('record a live AEDAT 4.0 network stream until the server closes it or Ctrl-C')
    .argument('<out>', 'output .aedat4 file')
    .requiredOption('--tcp <host:port>', 'server to connect to')
    .addOption(new Option('--compression <codec>', 'packet compression').choices(['lz4', 'zstd', 'none']).default('lz4'))
    .option('--timeout <seconds>', 'give up when connecting or when no events come for this long (default: wait)', positiveNumber(false))
    .action(async (out: string, flags: { tcp: string; compression: Aedat4Compression; timeout?: number }) => {
      const { host, port } = parseHostPort(flags.tcp);
      const stop$ = new Subject<void>();
      const interrupt = () => stop$.next();
      process.once('SIGINT', interrupt);
      process.once('SIGTERM', interrupt);
      let events = 0;
      const started = Date.now();
      const stopProgress = startProgress(() => `recording ${out}: ${eventRate(events, started)}`);
      try {
        const r = await recordTcp(host, port, out, {
          compression: flags.compression, stop$, onBatch: (b) => { events += b.t.length; },
          ...(flags.timeout === undefined ? {} : { timeoutSeconds: flags.timeout }),
        });
        stopProgress();
        process.stderr.write(`${out}: ${r.events} events, ${r.bytes} bytes (${flags.compression})\n`);
        reportEnding(r.error, 'the file holds every event received before it');
      } finally {
        stopProgress();
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
      }
    });
}
