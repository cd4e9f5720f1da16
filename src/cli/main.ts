#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { SpikeguardError } from '../errors.js';
import { registerBench } from './benchDecode.js';
import { registerBenchSnn } from './benchSnn.js';
import { registerConvert } from './convert.js';
import { registerInspect } from './inspect.js';
import { isSystemError } from './isSystemError.js';
import { registerStream } from './stream.js';
import { registerRecord } from './record.js';
import { registerTrain } from './train.js';
import { registerClassify } from './classify.js';
import { registerExport } from './export.js';
import { packageVersion } from './version.js';
import { registerAudit } from './audit.js';
import { registerDataset } from './dataset.js';

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

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else if (err instanceof SpikeguardError || isSystemError(err)) {
    process.stderr.write(`error: ${err.message}\n`);
    process.exitCode = 1;
  } else {
    throw err;
  }
}
