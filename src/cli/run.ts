import type { Command } from 'commander';
import {
  auditArguments, auditConfigOf, inferenceConfigOf, PIPELINE_NAMES, runInference, type InferenceConfig, type PipelineName,
} from '../../pipelines/index.js';
import { ConfigError } from '../errors.js';
import { selectBackend } from '../snn/index.js';
import { outputJson, outputLine, summaryLines } from './inferenceLines.js';
import { liveHooks, startLivePage } from './livePage.js';
import { note } from './notes.js';
import { numberIn } from './numberOption.js';
import { pipelineConfig } from './pipelineConfig.js';
import { checkSizes, memoryOption } from './snnMemory.js';
import { parseHostPort } from './stream.js';

/** The `run` flags (commander's camel-cased names). */
export interface RunFlags {
  config?: string; set: string[]; model?: string; speed?: string; serve?: number; json?: boolean; quiet?: boolean; printConfig?: boolean; memoryMb?: number;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * Registers `spikeguard run <stream-infer|replay|audit> [INPUT] [--config FILE] [--set K=V]…`:
 * a ready pipeline of `pipelines/` on its embedded defaults, with overrides from a JSON/YAML
 * file and the command line.
 */
export function registerRun(program: Command): void {
  program.command('run')
    .description('run a ready pipeline: stream-infer (live camera → predictions + monitor), replay (a recording through the same chain) or audit (model + data → report)')
    .argument('<pipeline>', PIPELINE_NAMES.join(' | '))
    .argument('[input]', 'stream-infer: HOST:PORT of an AEDAT 4.0 camera (feed://HOST:PORT for a msgpack feed); replay: a recording; audit: the data')
    .option('--config <file>', 'settings file (.json, .yaml): merged over the defaults (see --print-config)')
    .option('--set <key=value>', 'one setting, e.g. windows.windowUs=20000 or monitor=true (repeatable; JSON values)', collect, [])
    .option('--model <checkpoint>', 'model checkpoint (default: fixtures/models/sr+at.sgck)')
    .option('--speed <x>', 'replay: × real time, or "max" (default)')
    .option('--serve <port>', 'also serve the live monitor page on http://127.0.0.1:PORT (stream-infer, replay)', numberIn(0, 65535, true))
    .option('--json', 'one JSON line per output and a final {"summary":…} line on stdout')
    .option('--quiet', 'print only the summary (and errors)')
    .option('--print-config', 'print the effective config as JSON and exit')
    .addOption(memoryOption())
    .addHelpText('after', '\nExamples:\n  spikeguard run replay fixtures/demo/saccade-digits-demo.aedat4 --set labels=fixtures/demo/saccade-digits-demo.labels.json\n'
      + '  spikeguard run stream-infer 127.0.0.1:7777 --set monitor=true --serve 8080\n  spikeguard run audit saccade-digits --set samples=32 --set out=/tmp/audit.json\n')
    .action(async (name: string, input: string | undefined, f: RunFlags) => {
      if (!(PIPELINE_NAMES as readonly string[]).includes(name)) throw new ConfigError(`run: unknown pipeline "${name}" (known: ${PIPELINE_NAMES.join(', ')})`);
      const pipeline = name as PipelineName;
      const raw = await pipelineConfig(pipeline, f.config, [...inputAssignments(pipeline, input), ...flagAssignments(f), ...f.set]);
      if (pipeline === 'audit') {
        const config = auditConfigOf(raw);
        if (f.printConfig === true) return void process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
        await program.parseAsync([...auditArguments(config), ...(f.quiet === true ? ['--quiet'] : [])], { from: 'user' });
        return;
      }
      const config = inferenceConfigOf(raw);
      if (pipeline === 'replay' && config.source.kind !== 'file') throw new ConfigError('run replay: give a recording (run replay FILE, or source.path)');
      if (f.printConfig === true) return void process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
      await runAndPrint(config, f);
    });
}

/** Runs an inference config with the console sink, the optional live page and the summary. */
export async function runAndPrint(config: InferenceConfig, f: Pick<RunFlags, 'json' | 'quiet' | 'serve' | 'memoryMb'>): Promise<void> {
  const choice = await selectBackend({ log: note });
  const { bins } = config.windows;
  const mode = config.monitor === null ? 'inference' : 'training';
  const page = f.serve === undefined ? null : await startLivePage(f.serve, config);
  if (page !== null) process.stderr.write(`live page: ${page.url}\n`);
  const live = page === null ? {} : liveHooks(page);
  try {
    const summary = await runInference(config, {
      onEvents: live.onEvents,
      onOutput: (o, counters) => {
        live.onOutput?.(o, counters);
        if (f.json === true) process.stdout.write(`${outputJson(o)}\n`);
        else if (f.quiet !== true && config.sinks.console) process.stdout.write(`${outputLine(o, config.classes)}\n`);
      },
      onFeed: (s) => process.stderr.write(`predictions feed: ${s.url}\n`),
      // as classify: refuse sizes beyond the memory budget before the model is built
      beforeBuild: (spec) => checkSizes(spec, { T: bins, batch: 1, mode }, choice.name, f.memoryMb,
        `windows.bins ${bins} (one stream${mode === 'training' ? ', monitor backpropagates to the input' : ''})`),
    });
    page?.summary(summary);
    process.stdout.write(f.json === true ? `${JSON.stringify({ summary })}\n` : `${summaryLines(summary)}\n`);
    if (summary.inputError !== null) process.exitCode = 1;
  } finally {
    await page?.close();
  }
}

/** The positional input as settings. */
function inputAssignments(name: PipelineName, input: string | undefined): string[] {
  if (input === undefined) return [];
  if (name === 'audit') return [`data=${JSON.stringify(input)}`];
  if (name === 'replay') return [`source.path=${JSON.stringify(input)}`];
  const feed = input.startsWith('feed://');
  const { host, port } = parseHostPort(input.replace(/^(feed|tcp):\/\//, ''));
  return [`source=${JSON.stringify({ kind: feed ? 'feed-tcp' : 'aedat4-tcp', host, port })}`];
}

/** `--model`, `--speed` as settings. */
function flagAssignments(f: RunFlags): string[] {
  const out: string[] = [];
  if (f.model !== undefined) out.push(`model=${JSON.stringify(f.model)}`);
  if (f.speed !== undefined) out.push(`source.speed=${f.speed === 'max' ? '"max"' : f.speed}`);
  return out;
}
