import * as tf from '@tensorflow/tfjs-core';
import { registerMissing } from './registerMissing.js';

/**
 * Gradients of the tfjs kernels the composed neurons record on the tape.
 *
 * Why this file exists: `@tensorflow/tfjs-core`'s Node (CommonJS) bundle registers no gradients;
 * tfjs registers them in `dist/register_all_gradients.js`, an ES module with extension-less
 * relative imports that Node cannot load, and only the `@tensorflow/tfjs` umbrella bundle
 * (not installed) includes them. Each is registered only if none is, so a fuller registration
 * (tfjs-node, the umbrella package) wins. Formulas follow tfjs-core's `src/gradients/*_grad.ts`.
 */

type Grads = Record<string, () => tf.Tensor>;

/** Sums a broadcast gradient back to the input's shape. */
function sumToShape(dy: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, dy.shape);
  const summed = axes.length > 0 ? tf.sum(dy, axes) : dy;
  return tf.reshape(summed, shape);
}

function one(dy: tf.Tensor | tf.Tensor[]): tf.Tensor {
  if (Array.isArray(dy)) throw new TypeError('expected one output gradient');
  return dy;
}

function axesOf(attr: unknown, rank: number): number[] {
  const list = attr === null || attr === undefined ? [...Array(rank).keys()] : Array.isArray(attr) ? attr : [attr];
  return list.map((a) => (Number(a) + rank) % rank);
}

const CONFIGS: tf.GradConfig[] = [
  { kernelName: tf.Add, inputsToSave: ['a', 'b'],
    gradFunc: (dy, [a, b]): Grads => ({
      a: () => sumToShape(one(dy), a!.shape),
      b: () => sumToShape(one(dy), b!.shape) }) },
  { kernelName: tf.Sub, inputsToSave: ['a', 'b'],
    gradFunc: (dy, [a, b]): Grads => ({
      a: () => sumToShape(one(dy), a!.shape),
      b: () => tf.neg(sumToShape(one(dy), b!.shape)) }) },
  { kernelName: tf.Multiply, inputsToSave: ['a', 'b'],
    gradFunc: (dy, [a, b]): Grads => ({
      a: () => sumToShape(tf.mul(one(dy), tf.cast(b!, 'float32')), a!.shape),
      b: () => sumToShape(tf.mul(one(dy), tf.cast(a!, 'float32')), b!.shape) }) },
  { kernelName: tf.Sigmoid, outputsToSave: [true],
    gradFunc: (dy, [y]): Grads => ({ x: () => tf.mul(one(dy), tf.mul(y!, tf.sub(1, y!))) }) },
  { kernelName: tf.ZerosLike,
    gradFunc: (dy): Grads => ({ x: () => tf.zerosLike(one(dy)) }) },
  { kernelName: tf.Reshape, inputsToSave: ['x'],
    gradFunc: (dy, [x]): Grads => ({ x: () => tf.reshape(one(dy), x!.shape) }) },
  { kernelName: tf.Sum, inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs): Grads => {
      const axes = axesOf(attrs.axis, x!.rank);
      const kept = x!.shape.map((d, i) => (axes.includes(i) ? 1 : d));
      return { x: () => tf.mul(tf.reshape(one(dy), kept), tf.ones(x!.shape)) };
    } },
  { kernelName: tf.Pack,
    gradFunc: (dy, _saved, attrs): Grads =>
      Object.fromEntries(tf.unstack(one(dy), Number(attrs.axis)).map((g, i) => [String(i), () => g])) },
  { kernelName: tf.Unpack,
    gradFunc: (dy, _saved, attrs): Grads => ({
      value: () => tf.stack(Array.isArray(dy) ? dy : [dy], Number(attrs.axis)) }) },
];

/**
 * Registers the gradients the neuron slow path needs (Add, Sub, Multiply, Sigmoid, ZerosLike,
 * Reshape, Sum, Pack, Unpack) where tfjs has none. Idempotent; called on import of the neuron modules.
 * Creates no tensors. Layers' kernels are in `registerLayerGradients.ts`.
 * @example registerNeuronGradients(); tf.grad((x) => lif.run(x).spikes.sum());
 */
export function registerNeuronGradients(): void {
  registerMissing(CONFIGS);
}

registerNeuronGradients();
