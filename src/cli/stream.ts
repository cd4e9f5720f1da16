import { type Command, Option } from 'commander';
import type { Aedat4Compression } from '../aedat/aedat4/Aedat4Writer.js';
import { ConfigError } from '../errors.js';
import { fileReplay, sensorOfFile } from '../sinks/aedat4Net/fileInput.js';
import { type Aedat4Server, serveAedat4 } from '../sinks/aedat4Net/serveAedat4.js';
import { createValve } from '../streams/flow/Valve.js';
import type { ServerMetrics } from '../sinks/aedat4Net/ServeOptions.js';
import { type DecoderFlags, decoderOptionsFrom, withDecoderOptions } from './decoderFlags.js';
import { type Ending, isTruncatedTail, reportEnding, untilInputFault } from './ending.js';
import { eventRate, startProgress } from './progress.js';
import { checkInputFile } from './inputFile.js';

interface StreamFlags extends DecoderFlags {
  tcp: string;
  speed: string;
  loop?: boolean;
  compression: Aedat4Compression;
}

/**
 * Parses `HOST:PORT` (port 0 = any free port).
 * @throws ConfigError on anything else.
 */
export function parseHostPort(s: string): { host: string; port: number } {
  const m = /^(.+):(\d{1,5})$/.exec(s);
  const port = Number(m?.[2]);
  if (!m || port > 65535) throw new ConfigError(`--tcp expects HOST:PORT, e.g. 127.0.0.1:7777; got "${s}"`);
  return { host: m[1]!.replace(/^\[(.*)\]$/, '$1'), port };
}

function speedOf(s: string): number | 'max' {
  if (s === 'max') return 'max';
  const v = Number(s);
  if (!(Number.isFinite(v) && v > 0)) throw new ConfigError(`--speed expects a number > 0 or "max"; got "${s}"`);
  return v;
}

/** Registers `spikeguard stream FILE --tcp HOST:PORT [--speed 1] [--loop] [--compression lz4|zstd|none]`. */
export function registerStream(program: Command): void {
  withDecoderOptions(
    program
      .command('stream')
      .description('serve a recording as a live AEDAT 4.0 network stream (a stand-in DV camera)')
      .argument('<file>', 'event file of any readable format')
      .requiredOption('--tcp <host:port>', 'address to listen on (port 0: any free port, printed)')
      .option('--speed <x>', 'replay speed × real time, or "max" (as fast as the slowest client reads)', '1')
      .option('--loop', 'replay the recording again and again')
      .addOption(new Option('--compression <codec>', 'packet compression').choices(['lz4', 'zstd', 'none']).default('lz4')),
  ).action(async (file: string, flags: StreamFlags) => {
    const { host, port } = parseHostPort(flags.tcp);
    await checkInputFile(file);
    const server = await serveFile(file, host, port, flags);
    process.stderr.write(`listening on ${server.host}:${server.port}\n`);
    const interrupt = () => { server.close().catch(() => undefined); }; // the outcome is reported through done
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    const started = Date.now();
    const stopProgress = startProgress(() => progressLine(server.metrics(), started));
    try {
      await server.done.catch((e: unknown) => {
        if (e !== server.ending.fault) throw e; // reported below, by the common policy
      });
      stopProgress();
      process.stderr.write(`${summary(server.metrics())}\n`);
      const fault = server.ending.fault;
      reportEnding(fault, isTruncatedTail(fault) ? 'every whole event was sent' : 'every event before it was sent, then the clients were reset');
    } finally {
      stopProgress();
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    }
  });
}

/**
 * Serves `file` with the common ending policy: a truncated tail ends the stream normally after its
 * last whole event; any other decode fault fails the server, which resets its clients.
 * @throws the file's detection error (empty or unrecognised file), fs and listen errors.
 */
async function serveFile(file: string, host: string, port: number, flags: StreamFlags): Promise<Aedat4Server & { ending: Ending }> {
  const decoder = decoderOptionsFrom(flags);
  const { width, height } = await sensorOfFile(file, decoder);
  const speed = speedOf(flags.speed);
  const valve = createValve();
  const ending: Ending = {};
  const batches$ = fileReplay(file, { speed, loop: flags.loop ?? false, decoder, valve }).pipe(untilInputFault(ending, true));
  const server = await serveAedat4(batches$, {
    host, port, width, height, compression: flags.compression, ...(speed === 'max' ? { valve } : {}),
  });
  return { ...server, ending };
}

function progressLine(m: ServerMetrics, started: number): string {
  const dropped = Object.values(m.dropped).length > 0 ? `; dropped ${JSON.stringify(m.dropped)}` : '';
  return `${m.state}: ${eventRate(m.events, started)} to ${m.clients} client(s)${dropped}`;
}

function summary(m: ServerMetrics): string {
  return `${m.state}: ${m.events} events in ${m.packets} packets to ${m.clientsServed} client(s); refused ${m.refused}; dropped ${JSON.stringify(m.dropped)}`;
}
