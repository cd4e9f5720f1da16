import { type Command, Option } from 'commander';
import type { Aedat4Compression } from '../aedat/aedat4/Aedat4Writer.js';
import { ConfigError } from '../errors.js';
import { serveAedat4 } from '../sinks/aedat4Net/serveAedat4.js';
import type { ServerMetrics } from '../sinks/aedat4Net/ServeOptions.js';
import { type DecoderFlags, decoderOptionsFrom, withDecoderOptions } from './decoderFlags.js';

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
    const server = await serveAedat4(file, {
      host, port, speed: speedOf(flags.speed), loop: flags.loop ?? false, compression: flags.compression,
      decoder: decoderOptionsFrom(flags),
    });
    process.stderr.write(`listening on ${server.host}:${server.port}\n`);
    const interrupt = () => void server.close();
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    try {
      process.stderr.write(`${summary(await server.done)}\n`);
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    }
  });
}

function summary(m: ServerMetrics): string {
  return `${m.state}: ${m.events} events in ${m.packets} packets to ${m.clientsServed} client(s); refused ${m.refused}; dropped ${JSON.stringify(m.dropped)}`;
}
