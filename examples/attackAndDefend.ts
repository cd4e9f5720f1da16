import { movingBars } from '../src/datasets/movingBars.js';
import {
  ensembleAttack, evaluateAt, INFERENCE, pgd, PRESETS, randomNoise, trainingMethodDescriptor, type InputDomain, type TrainingMethodOptions,
} from '../src/robust/index.js';
import { buildModel, selectBackend, stackBatch, trainModel, zoo } from '../src/snn/index.js';

await selectBackend({ log: () => {} });
const train = movingBars({ samples: 256, T: 6, size: 34, seed: 1 });
const test = movingBars({ samples: 64, T: 6, size: 34, seed: 2 }); // held-out bars
const { x, labels } = stackBatch(test, [...Array(test.size).keys()]); // [T, B, 34, 34, 2], [B]
const y = Int32Array.from(labels.dataSync());
const domain: InputDomain = { kind: 'unit' }; // spike counts clamped to [0, 1], as the paper's code
const eps = 0.05;
const accuracy = (fooled: Uint8Array): string => (100 * (1 - fooled.reduce((a, b) => a + b, 0) / fooled.length)).toFixed(1);

const methods: TrainingMethodOptions[] = [{ method: 'vanilla' }, { method: 'sr', sr: { lambda: 0.01, h: 0.01 } }];
for (const method of methods) {
  const model = buildModel(zoo('mlp', 4), { seed: 0 });
  await trainModel(model, {
    train, epochs: 3, batchSize: 32, optimizer: { kind: 'adam', lr: 2e-3 }, seed: 0, method: trainingMethodDescriptor(method),
  });
  // PGD-10 under every gradient of the paper's ensemble: a sample counts as robust only if it survives all
  const adv = ensembleAttack(model, x, y, (m, xs, ys, gradient) => pgd(m, xs, ys, {
    eps, norm: 'linf', steps: 10, stepSize: eps / 4, randomStart: true, restarts: 1, domain, gradient, seed: 0,
  }), PRESETS.paper);
  const noise = randomNoise(model, x, y, { eps, kind: 'uniform', draws: 5, domain, seed: 0 }); // worst of 5 draws
  const clean = evaluateAt(model, x, y, INFERENCE);
  console.log(`${method.method}: clean ${accuracy(clean.fooled)} %; at ε ${eps}, PGD-10 ensemble ${accuracy(adv.fooled)} %, uniform noise ${accuracy(noise.fooled)} %`);
  [adv.xAdv, noise.xAdv].forEach((t) => t.dispose());
  model.dispose();
}
[x, labels].forEach((t) => t.dispose());
