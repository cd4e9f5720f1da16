/**
 * `npx tsx test/bench/srObjective.ts [rounds] [B] [T]`: one SR training step's gradients
 * (csnn-nmnist, wasm, peer input density 0.05, λ 0.1, h 0.01) with `srObjective` (clean pass run
 * once: 2 forward passes) against a plain version that runs the clean pass twice (3 forward
 * passes: once under `tf.grad` for v, once under `tf.variableGrads`). A and B alternate; per
 * round, medians of 5 steps after 1 warm-up, as wall time and as this process's CPU time (the
 * machine is shared: CPU time is what the step costs, wall time what it waited too). Numbers only.
 */
import * as tf from '@tensorflow/tfjs-core';
import { marginProbability, srObjective, strongestWrongClass } from '../../src/robust/srObjective.js';
import { buildModel, crossEntropy, selectBackend, stepGradients, zoo, type Objective, type TrainingMethod } from '../../src/snn/index.js';
import { Rng } from '../snn/snnHelpers.js';

const [rounds = 3, B = 32, T = 8] = process.argv.slice(2).map(Number);
const LAMBDA = 0.1;
const H = 0.01;

/** The SR loss with the clean pass recomputed inside the weight gradient (3 forward passes). */
const threePass: Objective = (model, x, labels, seed) => {
  const forward = { training: true, seed };
  let wrong: tf.Tensor1D | undefined;
  const gx = tf.grad((xi: tf.Tensor) => {
    const z = model.forward(xi, forward);
    wrong = tf.keep(strongestWrongClass(z, labels));
    return tf.sum(marginProbability(z, labels, wrong));
  })(x);
  const v = tf.tidy(() => tf.tensor(tf.sign(gx).dataSync(), gx.shape));
  gx.dispose();
  const logits = tf.keep(model.forward(x, forward));
  const loss = tf.tidy(() => {
    const z2 = model.forward(tf.add(x, tf.mul(v, H)), forward);
    const d = tf.div(tf.sub(marginProbability(z2, labels, wrong!), marginProbability(logits, labels, wrong!)), H);
    return tf.add(crossEntropy(logits, labels), tf.mul(tf.mean(tf.square(d)), LAMBDA)) as tf.Scalar;
  });
  tf.dispose([v, wrong!]);
  return { loss, logits };
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

async function main(): Promise<void> {
  await selectBackend({ backend: 'wasm', log: () => {} });
  const spec = zoo('csnn-nmnist');
  const model = buildModel(spec, { seed: 0 });
  const rng = new Rng(0);
  const n = T * B * spec.input.reduce((a, b) => a * b, 1);
  const x = tf.tensor(Float32Array.from({ length: n }, () => (rng.next() < 0.05 ? 1 : 0)), [T, B, ...spec.input]);
  const labels = tf.tensor1d(Int32Array.from({ length: B }, () => Math.floor(rng.next() * spec.classes)), 'int32');
  const variants: [string, TrainingMethod][] = [['srObjective (2 forwards)', { objective: srObjective({ lambda: LAMBDA, h: H }) }], ['plain (3 forwards)', { objective: threePass }]];
  const results = new Map(variants.map(([name]) => [name, { wall: [] as number[], cpu: [] as number[] }]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, method] of variants) {
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < 6; i++) {
        const [w0, c0] = [performance.now(), process.cpuUsage()];
        tf.dispose([...stepGradients(model, x, labels, i, method).grads.values()]);
        const c = process.cpuUsage(c0);
        if (i > 0) [wall.push(performance.now() - w0), cpu.push((c.user + c.system) / 1000)];
      }
      results.get(name)!.wall.push(median(wall));
      results.get(name)!.cpu.push(median(cpu));
    }
  }
  for (const [name, { wall, cpu }] of results) {
    console.log(`${name}: wall ${median(wall).toFixed(0)} ms, cpu ${median(cpu).toFixed(0)} ms (per-round medians: wall ${wall.map((v) => v.toFixed(0)).join(' ')}; cpu ${cpu.map((v) => v.toFixed(0)).join(' ')})`);
  }
  tf.dispose([x, labels]);
  model.dispose();
}

await main();
