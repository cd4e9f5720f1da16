import { type Command, Option } from 'commander';
import {
  buildModel, loadCheckpoint, parseBackendName, saveCheckpoint, selectBackend, trainModel, zoo, ZOO_NAMES,
  type BackendName, type LoadedCheckpoint, type ModelSpec, type OptimizerSpec, type SnnModel, type TrainResult,
} from '../snn/index.js';
import { describeTrainingMethod, trainingMethodDescriptor } from '../robust/index.js';
import { ConfigError } from '../errors.js';
import { checkOutputPath } from './checkOutputPath.js';
import { numberIn } from './numberOption.js';
import { snnAction } from './snnAction.js';
import { checkSizes, memoryOption } from './snnMemory.js';
import { resumeFlags, resumePathOf, runRecordOf, type FixedByCheckpoint } from './trainResume.js';
import { addMethodOptions, resolveMethod, type MethodFlags } from './trainMethodOptions.js';
import { trainProgress } from './trainProgress.js';
import { classCount, dataSource, defaultSamples, folderPreset, GENERATED_DATASETS, trainingData, type DataSource } from './trainData.js';
import { note } from './notes.js';

interface TrainFlags extends FixedByCheckpoint, MethodFlags {
  data: string; preset?: string; epochs: number; workers: number; backend?: BackendName; out?: string; resume?: string; progress: boolean; memoryMb?: number;
}

/** The model to train (a new zoo network or the checkpoint's, refused before it is built if too large) and the flags to train with. */
async function modelFor(f: TrainFlags, source: DataSource, cmd: Command, backend: BackendName): Promise<{ model: SnnModel; resumed?: LoadedCheckpoint; flags: TrainFlags; source: DataSource }> {
  const check = (spec: ModelSpec, g: TrainFlags): void => checkSizes(spec, {
    T: g.T, batch: Math.min(g.batch, g.samples), mode: 'training', optimizer: g.optimizer, keepBest: g.validation > 0, workers: g.workers,
  }, backend, g.memoryMb, `--T ${g.T}, --batch ${g.batch}, --workers ${g.workers}, training`);
  if (f.resume === undefined) {
    const spec = zoo(f.arch, classCount(source));
    check(spec, f);
    return { model: buildModel(spec, { seed: f.seed }), flags: f, source };
  }
  const resumed = await loadCheckpoint(f.resume, { beforeBuild: (spec) => check(spec, f) });
  try {
    const flags = resumeFlags(cmd, f, f.resume, resumed);
    // the data of the run being resumed (its checkpoint's `run` record), which --data may not name
    const resumedSource = flags.data === f.data ? source : await dataSource(flags.data);
    const classes = classCount(resumedSource);
    if (resumed.model.spec.classes !== classes) throw new ConfigError(`${f.resume}: the model has ${resumed.model.spec.classes} classes, ${flags.data} has ${classes}`);
    check(resumed.model.spec, flags); // the checkpoint's T and batch, before any activation exists
    return { model: resumed.model, resumed, flags, source: resumedSource };
  } catch (err) {
    resumed.model.dispose();
    throw err;
  }
}

function report(f: TrainFlags, result: TrainResult): void {
  const last = result.history.at(-1)?.epoch ?? 0;
  const which = result.best === undefined
    ? `the last epoch's weights (epoch ${last})`
    : `the best epoch's weights (epoch ${result.best.epoch}, validation accuracy ${(100 * result.best.valAccuracy).toFixed(1)} %)`;
  if (result.best !== undefined) process.stdout.write(`best validation accuracy ${(100 * result.best.valAccuracy).toFixed(1)} % (epoch ${result.best.epoch})\n`);
  if (f.out !== undefined) process.stdout.write(`saved ${f.out}: ${which}; resume state (epoch ${last}): ${resumePathOf(f.out)}\n`);
}

async function train(given: TrainFlags, cmd: Command): Promise<void> {
  const source = await dataSource(given.data);
  // a folder's frame count is its preset's unless --T is given: known before sizes are checked
  const T = source.kind === 'folder' && cmd.getOptionValueSource('T') !== 'cli' ? folderPreset(source.index, given.preset).n : given.T;
  const typed: TrainFlags = { ...given, T, samples: given.samples ?? defaultSamples(source) };
  if (typed.out !== undefined) await checkOutputPath(typed.out, '--out');
  const choice = await selectBackend({ backend: typed.backend, log: note });
  const { model, resumed, flags: f, source: data } = await modelFor(typed, source, cmd, choice.name);
  try {
    const method = resolveMethod(f, resumed?.training === undefined ? undefined : (resumed.training.method ?? { method: 'vanilla' }));
    note(`training method: ${describeTrainingMethod(method)}`);
    const optimizer: OptimizerSpec = resumed?.training?.optimizer ?? (f.optimizer === 'adam'
      ? { kind: 'adam', lr: f.lr, weightDecay: f.weightDecay }
      : { kind: 'sgd', lr: f.lr, momentum: f.momentum, weightDecay: f.weightDecay });
    const seed = resumed?.training?.seed ?? f.seed;
    const { train: set, validation } = await trainingData(f, data, model.spec.input, (line) => { if (f.progress) process.stderr.write(`${line}\n`); });
    const result = await trainModel(model, {
      train: set, ...(validation === undefined ? {} : { validation }), epochs: f.epochs, batchSize: f.batch, optimizer, seed, workers: f.workers,
      ...(method.method === 'vanilla' ? {} : { method: trainingMethodDescriptor(method) }),
      ...(resumed?.training === undefined ? {} : { resume: resumed.training.state }),
      ...(f.progress ? { onStep: trainProgress(process.stderr) } : {}),
      onEpoch: async (e, state) => {
        const val = e.valAccuracy === undefined ? '' : `, validation loss ${e.valLoss!.toFixed(4)} accuracy ${(100 * e.valAccuracy).toFixed(1)} %`;
        process.stdout.write(`epoch ${e.epoch}: loss ${e.trainLoss.toFixed(4)} accuracy ${(100 * e.trainAccuracy).toFixed(1)} %${val} (${e.seconds.toFixed(1)} s)\n`);
        if (f.out === undefined) return;
        await saveCheckpoint(resumePathOf(f.out), model, { optimizer, state, seed, run: runRecordOf(f), method });
        // the model now holds this epoch's weights: the best so far, or the only candidate without validation
        if (state.best === undefined || state.best.epoch === e.epoch) await saveCheckpoint(f.out, model);
      },
    });
    // trainModel restored the best epoch's weights (a best from before a resume included)
    if (f.out !== undefined) await saveCheckpoint(f.out, model);
    report(f, result);
  } finally {
    model.dispose();
  }
}

/**
 * Registers `spikeguard train`: trains a zoo network on a dataset with BPTT, reports each epoch
 * and keeps the best validation model. `--out FILE` receives the model to use (the best epoch's
 * weights; the last epoch's without validation), `FILE.resume` after every epoch the state to
 * continue from exactly (`--resume FILE.resume`). Sizes are checked against `--memory-mb` first.
 * Datasets: generated with no download, `moving-bars` (4 classes) and `saccade-digits` (N-MNIST-like,
 * 10 classes), or a downloaded dataset folder; the model's class count comes from the data.
 */
export function registerTrain(program: Command): void {
  addMethodOptions(program.command('train'))
    .description('train a spiking network (BPTT, Adam/SGD, cosine LR) with checkpoints')
    .addOption(new Option('--arch <name>', 'architecture').choices(ZOO_NAMES).default('csnn-nmnist'))
    .option('--data <name|dir>', `dataset: ${GENERATED_DATASETS.join(' (4 classes), ')} (10 digits, train split; its validation split selects the model), or a dataset folder (N-MNIST, N-Caltech101, CIFAR10-DVS, DVS128 Gesture: its train split)`, 'moving-bars')
    .option('--preset <name>', 'dataset folder: frame preset (default: the layout\'s; see spikeguard dataset info)')
    .option('--samples <n>', 'training samples (default: 640 moving bars; the whole train split of saccade digits or a folder)', numberIn(8, 1_000_000, true))
    .option('--T <n>', 'time steps per sample (a folder: replaces its preset\'s frame count)', numberIn(1, 1024, true), 6)
    .option('--epochs <n>', 'epochs', numberIn(1, 100_000, true), 4)
    .option('--batch <n>', 'batch size', numberIn(1, 4096, true), 32)
    .addOption(new Option('--optimizer <name>', 'optimiser').choices(['adam', 'sgd']).default('adam'))
    .option('--lr <x>', 'initial learning rate (cosine-annealed to 0)', numberIn(1e-9, 10, false), 2e-3)
    .option('--momentum <x>', 'SGD momentum', numberIn(0, 0.999, false), 0.9)
    .option('--weight-decay <x>', 'L2 weight decay', numberIn(0, 1, false), 0)
    .option('--validation <fraction>', 'moving-bars: validation fraction for model selection; saccade-digits: 0 turns its validation split off', numberIn(0, 0.9, false), 0.2)
    .option('--seed <n>', 'seed of weights, split, shuffling and dropout', numberIn(0, 2 ** 31, true), 0)
    .option('--workers <n>', 'data-parallel worker threads', numberIn(1, 64, true), 1)
    .option('--backend <name>', 'tensorflow.js backend (default: best available)', parseBackendName)
    .addOption(memoryOption())
    .option('--out <file>', 'the trained model (best validation epoch), msgpack; FILE.resume: the state after every epoch')
    .option('--resume <file>', 'continue the run saved in FILE.resume (by --out FILE)')
    .option('--no-progress', 'no progress bar')
    .action(snnAction(train));
}
