import { type Command, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import { movingBars } from '../datasets/movingBars.js';
import {
  buildModel, loadCheckpoint, parseBackendName, saveCheckpoint, selectBackend, splitValidation, trainModel, zoo, ZOO_NAMES,
  type BackendName, type OptimizerSpec,
} from '../snn/index.js';
import { ConfigError } from '../errors.js';
import { describeTrainingMethod, trainingMethodDescriptor } from '../robust/index.js';
import { numberIn } from './numberOption.js';
import { addMethodOptions, resolveMethod, type MethodFlags } from './trainMethodOptions.js';

interface TrainFlags extends MethodFlags {
  arch: string; data: 'moving-bars'; samples: number; T: number; epochs: number; batch: number;
  optimizer: 'adam' | 'sgd'; lr: number; momentum: number; weightDecay: number; validation: number;
  seed: number; workers: number; backend?: BackendName; out?: string; resume?: string; progress: boolean;
}

/**
 * Registers `spikeguard train`: trains a zoo network on a dataset with BPTT, reports each epoch,
 * keeps the best validation model and writes a checkpoint after every epoch (`--out`), resumable
 * with `--resume` (which continues with the checkpoint's method: vanilla, at, sr or sr+at). Datasets: `moving-bars` (generated; more come with src/datasets).
 */
export function registerTrain(program: Command): void {
  addMethodOptions(program.command('train'))
    .description('train a spiking network (BPTT, Adam/SGD, cosine LR) with checkpoints')
    .addOption(new Option('--arch <name>', 'architecture').choices(ZOO_NAMES).default('csnn-nmnist'))
    .addOption(new Option('--data <name>', 'dataset').choices(['moving-bars']).default('moving-bars'))
    .option('--samples <n>', 'samples to generate (moving-bars)', numberIn(8, 1_000_000, true), 640)
    .option('--T <n>', 'time steps per sample', numberIn(1, 1024, true), 6)
    .option('--epochs <n>', 'epochs', numberIn(1, 100_000, true), 4)
    .option('--batch <n>', 'batch size', numberIn(1, 4096, true), 32)
    .addOption(new Option('--optimizer <name>', 'optimiser').choices(['adam', 'sgd']).default('adam'))
    .option('--lr <x>', 'initial learning rate (cosine-annealed to 0)', numberIn(1e-9, 10, false), 2e-3)
    .option('--momentum <x>', 'SGD momentum', numberIn(0, 0.999, false), 0.9)
    .option('--weight-decay <x>', 'L2 weight decay', numberIn(0, 1, false), 0)
    .option('--validation <fraction>', 'validation split for model selection', numberIn(0, 0.9, false), 0.2)
    .option('--seed <n>', 'seed of weights, split, shuffling and dropout', numberIn(0, 2 ** 31, true), 0)
    .option('--workers <n>', 'data-parallel worker threads', numberIn(1, 64, true), 1)
    .option('--backend <name>', 'tensorflow.js backend (default: best available)', parseBackendName)
    .option('--out <file>', 'checkpoint written after every epoch (msgpack)')
    .option('--resume <file>', 'continue from a checkpoint written by --out')
    .option('--no-progress', 'no progress bar')
    .action(async (f: TrainFlags) => {
      await selectBackend({ backend: f.backend, log: (m) => process.stderr.write(`${m}\n`) });
      const optimizer: OptimizerSpec = f.optimizer === 'adam'
        ? { kind: 'adam', lr: f.lr, weightDecay: f.weightDecay }
        : { kind: 'sgd', lr: f.lr, momentum: f.momentum, weightDecay: f.weightDecay };
      const resumed = f.resume === undefined ? undefined : await loadCheckpoint(f.resume);
      if (resumed !== undefined && resumed.training === undefined) throw new ConfigError(`${f.resume} holds no training state to resume`);
      const method = resolveMethod(f, resumed?.training === undefined ? undefined : (resumed.training.method ?? { method: 'vanilla' }));
      process.stderr.write(`training method: ${describeTrainingMethod(method)}\n`);
      const model = resumed?.model ?? buildModel(zoo(f.arch, 4), { seed: f.seed });
      const data = movingBars({ samples: f.samples, T: f.T, size: model.spec.input[0], seed: f.seed + 1 });
      const { train, validation } = splitValidation(data, f.validation, f.seed);
      const bar = f.progress ? new SingleBar({ format: 'epoch {epoch} [{bar}] {value}/{total} batches | loss {loss} | lr {lr}', stream: process.stderr }) : undefined;
      const result = await trainModel(model, {
        train, ...(f.validation > 0 ? { validation } : {}), epochs: f.epochs, batchSize: f.batch,
        optimizer: resumed?.training?.optimizer ?? optimizer, seed: resumed?.training?.seed ?? f.seed, workers: f.workers,
        ...(method.method === 'vanilla' ? {} : { method: trainingMethodDescriptor(method) }),
        ...(resumed?.training === undefined ? {} : { resume: resumed.training.state }),
        onStep: (s) => {
          if (s.batch === 1) bar?.start(s.batches, 0, { epoch: s.epoch });
          bar?.update(s.batch, { epoch: s.epoch, loss: s.loss.toFixed(4), lr: s.lr.toExponential(2) });
          if (s.batch === s.batches) bar?.stop();
        },
        onEpoch: async (e, state) => {
          const val = e.valAccuracy === undefined ? '' : `, validation loss ${e.valLoss!.toFixed(4)} accuracy ${(100 * e.valAccuracy).toFixed(1)} %`;
          process.stdout.write(`epoch ${e.epoch}: loss ${e.trainLoss.toFixed(4)} accuracy ${(100 * e.trainAccuracy).toFixed(1)} %${val} (${e.seconds.toFixed(1)} s)\n`);
          if (f.out !== undefined) await saveCheckpoint(f.out, model, { optimizer: resumed?.training?.optimizer ?? optimizer, state, seed: f.seed, method });
        },
      });
      if (result.best !== undefined) process.stdout.write(`best validation accuracy ${(100 * result.best.valAccuracy).toFixed(1)} % (epoch ${result.best.epoch})\n`);
      model.dispose();
    });
}
