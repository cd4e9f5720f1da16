// Trains the torch peer's network (csnn-nmnist) on generated moving bars, then classifies a stream.
// Run: npx tsx examples/trainMovingBars.ts
import * as tf from '@tensorflow/tfjs-core';
import { movingBars } from '../src/datasets/movingBars.js';
import { buildModel, disposeState, selectBackend, splitValidation, stackBatch, trainModel, zoo } from '../src/snn/index.js';

await selectBackend({ log: () => {} }); // tfjs-node if installed, else wasm (offline), else cpu
const data = movingBars({ samples: 320, T: 6, size: 34, seed: 1 }); // 4 directions
const { train, validation } = splitValidation(data, 0.2, 0);
const model = buildModel(zoo('csnn-nmnist', 4), { seed: 0 });
const result = await trainModel(model, {
  train, validation, epochs: 3, batchSize: 32, optimizer: { kind: 'adam', lr: 2e-3 }, seed: 0,
});
console.log(`best validation accuracy ${(100 * result.best!.valAccuracy).toFixed(1)} %`);

// Streaming: feed one sample as two windows of 3 steps; membranes carry over between windows.
const { x } = stackBatch(validation, [0]); // [T=6, B=1, 34, 34, 2]
let state = model.initState(1);
for (const window of tf.split(x, 2, 0)) {
  const { logits, state: next } = model.step(window, state);
  console.log('window logits', Array.from(logits.dataSync(), (v) => v.toFixed(2)).join(' '));
  [window, logits].forEach((t) => t.dispose());
  disposeState(state);
  state = next;
}
disposeState(state);
x.dispose();
model.dispose();
