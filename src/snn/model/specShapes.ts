import { ConfigError } from '../../errors.js';
import { resolveNeuron, type LayerSpec, type ModelSpec, type NeuronSpec } from './spec.js';

/** A parameter a layer will allocate: its name in the model, shape and whether it is trained. */
export interface ParamShape {
  readonly name: string;
  readonly shape: readonly number[];
  readonly trainable: boolean;
}

/** One layer's per-sample input and output shapes (without T·B) and its parameters. */
export interface LayerShape {
  readonly spec: LayerSpec;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  readonly params: readonly ParamShape[];
}

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function image(inShape: readonly number[], where: string, what: string): [number, number, number] {
  if (inShape.length !== 3) throw new ConfigError(`${where}: ${what} needs an [H, W, C] input, got [${inShape.join(', ')}]`);
  return inShape as [number, number, number];
}

function weights(name: string, shape: number[], units: number, bias: boolean): ParamShape[] {
  const kernel = { name: `${name}.kernel`, shape, trainable: true };
  return bias ? [kernel, { name: `${name}.bias`, shape: [units], trainable: true }] : [kernel];
}

function layerShape(spec: LayerSpec, inShape: readonly number[], neuron: NeuronSpec, index: number): Omit<LayerShape, 'spec' | 'inShape'> {
  const name = `${index}.${spec.type}`;
  switch (spec.type) {
    case 'conv2d': {
      const [h, w, c] = image(inShape, name, 'conv2d');
      const stride = spec.stride ?? 1;
      const out = (n: number): number => (spec.padding === 'same' ? Math.ceil(n / stride) : Math.floor((n - spec.kernel) / stride) + 1);
      if (out(h) <= 0 || out(w) <= 0) throw new ConfigError(`${name}: kernel ${spec.kernel} does not fit input ${h}×${w} with valid padding`);
      return { outShape: [out(h), out(w), spec.filters], params: weights(name, [spec.kernel, spec.kernel, c, spec.filters], spec.filters, spec.bias) };
    }
    case 'dense':
      if (inShape.length !== 1) throw new ConfigError(`${name}: dense needs a flat input (add a flatten layer), got [${inShape.join(', ')}]`);
      return { outShape: [spec.units], params: weights(name, [inShape[0]!, spec.units], spec.units, spec.bias) };
    case 'avgPool':
    case 'maxPool': {
      const [h, w, c] = image(inShape, name, spec.type);
      if (h < spec.size || w < spec.size) throw new ConfigError(`${name}: window ${spec.size} larger than input ${h}×${w}`);
      return { outShape: [Math.floor(h / spec.size), Math.floor(w / spec.size), c], params: [] };
    }
    case 'batchNorm': {
      const c = [inShape[inShape.length - 1]!];
      const stats = ['gamma', 'beta', 'runningMean', 'runningVar'];
      return { outShape: inShape, params: stats.map((s, i) => ({ name: `${name}.${s}`, shape: c, trainable: i < 2 })) };
    }
    case 'dropout':
      return { outShape: inShape, params: [] };
    case 'flatten':
      return { outShape: [product(inShape)], params: [] };
    case 'spiking':
      return { outShape: inShape, params: (resolveNeuron(neuron, spec.neuron, name).kind === 'plif' ? [{ name: `${name}.tauLogit`, shape: [], trainable: true }] : []) };
  }
}

/**
 * The shapes a model of `spec` will have, computed from the spec alone (no tensor is made), so
 * sizes and stored parameters can be checked before anything is allocated. Parameter names are
 * those of `buildModel` (`"3.conv2d.kernel"`).
 * @throws ConfigError if the layers' shapes do not chain or the last layer does not give `[classes]`.
 * @example specShapes(zoo('csnn-nmnist')).at(-1)!.outShape // [10]
 */
export function specShapes(spec: ModelSpec): LayerShape[] {
  const out: LayerShape[] = [];
  let inShape: readonly number[] = spec.input;
  spec.layers.forEach((layer, i) => {
    const s = layerShape(layer, inShape, spec.neuron, i);
    out.push({ spec: layer, inShape, ...s });
    inShape = s.outShape;
  });
  if (inShape.length !== 1 || inShape[0] !== spec.classes) {
    throw new ConfigError(`${spec.name}: the last layer gives [${inShape.join(', ')}], expected [${spec.classes}] (classes)`);
  }
  return out;
}

/** Elements of a shape (1 for a scalar). */
export function elementsOf(shape: readonly number[]): number {
  return product(shape);
}
