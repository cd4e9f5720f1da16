import { type Command, Option } from 'commander';
import { FORMAT_NAMES, type FormatName } from '../aedat/core/types.js';
import type { FileReadOptions } from '../aedat/node/streamEventFile.js';
import { ConfigError } from '../errors.js';

/** Decoder flags shared by the commands that read event files. */
export interface DecoderFlags {
  format?: FormatName | 'auto';
  sensor?: string;
  chip?: 'dvs128' | 'davis';
  eventStream?: string;
}

/** Adds the shared decoder flags to a command. */
export function withDecoderOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <name>', 'input format (default: detected)').choices(['auto', ...FORMAT_NAMES]))
    .option('--sensor <WxH>', 'sensor size when the file does not store it, e.g. 34x34')
    .addOption(new Option('--chip <layout>', 'AEDAT 2.0 address layout when the header names no known chip')
      .choices(['dvs128', 'davis']))
    .option('--event-stream <id>', 'AEDAT 4.0 event stream id (default: lowest EVTS stream)');
}

/**
 * Turns command-line flags into decoder options.
 * @throws ConfigError on a malformed --sensor or --event-stream.
 */
export function decoderOptionsFrom(flags: DecoderFlags): FileReadOptions {
  const opts: { -readonly [K in keyof FileReadOptions]: FileReadOptions[K] } = {};
  if (flags.format) opts.format = flags.format;
  if (flags.chip) opts.chip = flags.chip;
  if (flags.sensor !== undefined) {
    const m = /^(\d{1,5})x(\d{1,5})$/.exec(flags.sensor);
    if (!m || Number(m[1]) === 0 || Number(m[2]) === 0 || Number(m[1]) > 65535 || Number(m[2]) > 65535) {
      throw new ConfigError(`--sensor expects WIDTHxHEIGHT with 1..65535 each, e.g. 34x34; got "${flags.sensor}"`);
    }
    opts.sensor = { width: Number(m[1]), height: Number(m[2]) };
  }
  if (flags.eventStream !== undefined) {
    if (!/^\d{1,9}$/.test(flags.eventStream)) {
      throw new ConfigError(`--event-stream expects a stream id (a non-negative integer); got "${flags.eventStream}"`);
    }
    opts.eventStream = Number(flags.eventStream);
  }
  return opts;
}
