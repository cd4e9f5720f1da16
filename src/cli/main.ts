#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { registerBench } from './benchDecode.js';
import { registerBenchSnn } from './benchSnn.js';
import { registerConvert } from './convert.js';
import { registerInspect } from './inspect.js';
import { exitCodeOf, isReportable } from './exitCode.js';
import { setQuiet } from './notes.js';
import { registerStream } from './stream.js';
import { registerRecord } from './record.js';
import { registerTrain } from './train.js';
import { registerClassify } from './classify.js';
import { registerExport } from './export.js';
import { packageVersion } from './version.js';
import { registerAudit } from './audit.js';
import { registerDataset } from './dataset.js';
import { registerRun } from './run.js';
import { registerDemo } from './demo.js';

const program = new Command()
  .name('spikeguard')
  .description('event-camera files, spike tensors, spiking neural networks and robustness audits')
  .version(packageVersion())
  .showHelpAfterError()
  .exitOverride();
registerInspect(program);
registerConvert(program);
registerBenchSnn(registerBench(program));
registerStream(program);
registerRecord(program);
registerTrain(program);
registerClassify(program);
registerExport(program);
registerAudit(program);
registerDataset(program);
registerRun(program);
registerDemo(program);

// --quiet on every command: notes and progress off, results and errors still printed
const withQuiet = (cmd: Command): void => {
  if (cmd.commands.length === 0 && !cmd.options.some((o) => o.long === '--quiet')) cmd.option('--quiet', 'no notes or progress on stderr (results, warnings and errors only)');
  cmd.commands.forEach(withQuiet);
};
program.commands.forEach(withQuiet);
program.hook('preAction', (_program, action) => {
  const quiet = action.opts().quiet === true;
  setQuiet(quiet);
  if (quiet && action.options.some((o) => o.attributeName() === 'progress')) action.setOptionValue('progress', false);
});

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // exit 2: a user error (commander has printed its own message); 1: a fault; no stack trace for either
  process.exitCode = exitCodeOf(err);
  if (isReportable(err)) process.stderr.write(`error: ${err.message}\n`);
  else if (!(err instanceof CommanderError)) throw err;
}
