import { ConfigError } from '../../errors.js';
import type { NeuronCommon, NeuronConfig, NeuronKind } from '../neurons/index.js';
import { SURROGATE_NAMES, type SurrogateName } from '../surrogates.js';

/** Version of the JSON model spec this code reads and writes. */
export const SPEC_VERSION = 1;

/** A surrogate by name and width/sharpness γ (the factory's default when absent). */
export interface SurrogateSpec {
  readonly name: SurrogateName;
  readonly gamma?: number;
}

/** The spec's neuron (IF: no τ; LIF: fixed τ; PLIF: learnable τ starting from `tau`, in (0, 1)). */
export type NeuronSpec = NeuronConfig<SurrogateSpec, { readonly tau: number }>;

/** A spiking layer's fields over the model's neuron; the merged neuron must be a whole {@link NeuronSpec}. */
export interface NeuronOverride extends Partial<NeuronCommon<SurrogateSpec>> {
  readonly kind?: NeuronKind;
  readonly tau?: number;
}

/** Weight initialisation: PyTorch's default `U(±1/√fan_in)` scaled by `gain` (default 1). */
interface Initialised {
  readonly gain?: number;
}

export interface Conv2dSpec extends Initialised {
  readonly type: 'conv2d';
  readonly filters: number;
  readonly kernel: number;
  readonly stride?: number;
  readonly padding: 'same' | 'valid';
  readonly bias: boolean;
}
export interface DenseSpec extends Initialised {
  readonly type: 'dense';
  readonly units: number;
  readonly bias: boolean;
}
export interface PoolSpec {
  readonly type: 'avgPool' | 'maxPool';
  /** Window and stride (square, VALID padding: an odd last row/column is dropped, as PyTorch). */
  readonly size: number;
}
export interface BatchNormSpec {
  readonly type: 'batchNorm';
  /** Weight of the old running statistics per update (PyTorch's momentum 0.1 is 0.9 here). */
  readonly momentum?: number;
  readonly epsilon?: number;
}
export interface DropoutSpec {
  readonly type: 'dropout';
  /** Probability of dropping a unit; one mask per sample, shared by all time steps. */
  readonly rate: number;
}
export interface FlattenSpec {
  readonly type: 'flatten';
}
/** A spiking layer; fields given here override the model's `neuron`. */
export interface SpikingSpec {
  readonly type: 'spiking';
  readonly neuron?: NeuronOverride;
}

export type LayerSpec = Conv2dSpec | DenseSpec | PoolSpec | BatchNormSpec | DropoutSpec | FlattenSpec | SpikingSpec;

/**
 * A spiking network as JSON: input `[H, W, C]` per time step, layers in order, logits = the last
 * layer's output averaged over time. Folded time: layers see `[T·B, …]`, spiking layers unfold T.
 */
export interface ModelSpec {
  readonly version: number;
  readonly name: string;
  readonly input: readonly [number, number, number];
  readonly classes: number;
  /** Default neuron of every `spiking` layer. */
  readonly neuron: NeuronSpec;
  readonly layers: readonly LayerSpec[];
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Largest value of each dimension: far above any event-camera network (1280×720 sensors, a few
 * thousand filters), low enough that no single size overflows a tensor before the memory estimate
 * (src/snn/memory) weighs the whole model.
 */
export const SPEC_LIMITS = {
  side: 4096, channels: 1024, classes: 100_000, filters: 65_536, units: 1_048_576, kernel: 64, stride: 64, layers: 1000,
} as const;

function positiveInt(v: unknown, where: string, max: number): number {
  if (!Number.isInteger(v) || (v as number) <= 0 || (v as number) > max) {
    throw new ConfigError(`${where}: expected a positive integer ≤ ${max}, got ${JSON.stringify(v)}`);
  }
  return v as number;
}

function finite(v: unknown, where: string, ok: (x: number) => boolean, rule: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) throw new ConfigError(`${where}: expected ${rule}, got ${JSON.stringify(v)}`);
  return v;
}

function oneOf<T extends string>(v: unknown, where: string, allowed: readonly T[]): T {
  if (!allowed.includes(v as T)) throw new ConfigError(`${where}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}

function onlyKeys(o: Json, where: string, allowed: readonly string[]): void {
  const unknown = Object.keys(o).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw new ConfigError(`${where}: unknown field(s) ${unknown.join(', ')}`);
}

function gainOf(o: Json, where: string): number | undefined {
  return o.gain === undefined ? undefined : finite(o.gain, `${where}.gain`, (x) => x > 0, 'a number > 0');
}

function checkNeuron(v: unknown, where: string, partial: boolean): NeuronOverride {
  if (!isObject(v)) throw new ConfigError(`${where}: expected an object`);
  onlyKeys(v, where, ['kind', 'tau', 'theta', 'reset', 'detachReset', 'surrogate']);
  const out: { -readonly [K in keyof NeuronOverride]: NeuronOverride[K] } = {};
  if (v.kind !== undefined || !partial) out.kind = oneOf(v.kind, `${where}.kind`, ['if', 'lif', 'plif'] as const);
  if (v.tau !== undefined) out.tau = finite(v.tau, `${where}.tau`, (x) => x > 0 && x <= 1, 'a decay in (0, 1]');
  if (v.theta !== undefined || !partial) out.theta = finite(v.theta, `${where}.theta`, (x) => x > 0, 'a threshold > 0');
  if (v.reset !== undefined || !partial) out.reset = oneOf(v.reset, `${where}.reset`, ['hard', 'soft'] as const);
  if (v.detachReset !== undefined || !partial) {
    if (typeof v.detachReset !== 'boolean') throw new ConfigError(`${where}.detachReset: expected true or false`);
    out.detachReset = v.detachReset;
  }
  if (v.surrogate !== undefined || !partial) {
    const s = v.surrogate;
    if (!isObject(s)) throw new ConfigError(`${where}.surrogate: expected {name, gamma?}`);
    onlyKeys(s, `${where}.surrogate`, ['name', 'gamma']);
    const name = oneOf(s.name, `${where}.surrogate.name`, SURROGATE_NAMES);
    const gamma = s.gamma === undefined ? undefined : finite(s.gamma, `${where}.surrogate.gamma`, (x) => x > 0, 'a number > 0');
    out.surrogate = gamma === undefined ? { name } : { name, gamma };
  }
  return out;
}

function checkLayer(v: unknown, where: string): LayerSpec {
  if (!isObject(v)) throw new ConfigError(`${where}: expected an object`);
  switch (v.type) {
    case 'conv2d':
      onlyKeys(v, where, ['type', 'filters', 'kernel', 'stride', 'padding', 'bias', 'gain']);
      return {
        type: 'conv2d', filters: positiveInt(v.filters, `${where}.filters`, SPEC_LIMITS.filters), kernel: positiveInt(v.kernel, `${where}.kernel`, SPEC_LIMITS.kernel),
        stride: v.stride === undefined ? 1 : positiveInt(v.stride, `${where}.stride`, SPEC_LIMITS.stride),
        padding: oneOf(v.padding, `${where}.padding`, ['same', 'valid'] as const), bias: v.bias === true, gain: gainOf(v, where),
      };
    case 'dense':
      onlyKeys(v, where, ['type', 'units', 'bias', 'gain']);
      return { type: 'dense', units: positiveInt(v.units, `${where}.units`, SPEC_LIMITS.units), bias: v.bias === true, gain: gainOf(v, where) };
    case 'avgPool':
    case 'maxPool':
      onlyKeys(v, where, ['type', 'size']);
      return { type: v.type, size: positiveInt(v.size, `${where}.size`, SPEC_LIMITS.side) };
    case 'batchNorm':
      onlyKeys(v, where, ['type', 'momentum', 'epsilon']);
      return {
        type: 'batchNorm',
        momentum: v.momentum === undefined ? 0.9 : finite(v.momentum, `${where}.momentum`, (x) => x >= 0 && x < 1, 'a number in [0, 1)'),
        epsilon: v.epsilon === undefined ? 1e-5 : finite(v.epsilon, `${where}.epsilon`, (x) => x > 0, 'a number > 0'),
      };
    case 'dropout':
      onlyKeys(v, where, ['type', 'rate']);
      return { type: 'dropout', rate: finite(v.rate, `${where}.rate`, (x) => x >= 0 && x < 1, 'a rate in [0, 1)') };
    case 'flatten':
      onlyKeys(v, where, ['type']);
      return { type: 'flatten' };
    case 'spiking':
      onlyKeys(v, where, ['type', 'neuron']);
      return v.neuron === undefined ? { type: 'spiking' } : { type: 'spiking', neuron: checkNeuron(v.neuron, `${where}.neuron`, true) };
    default:
      throw new ConfigError(`${where}.type: unknown layer type ${JSON.stringify(v.type)}; expected conv2d, dense, avgPool, maxPool, batchNorm, dropout, flatten or spiking`);
  }
}

/**
 * Validates a parsed JSON model spec and fills defaults (stride 1, no bias unless `true`,
 * batch-norm momentum 0.9 and ε 1e-5); every size is bounded ({@link SPEC_LIMITS}). Shapes are
 * checked by `specShapes` (no allocation) and when the model is built.
 * @throws ConfigError naming the field (e.g. `layers[2].filters`) for anything missing, unknown or out of range.
 * @example const spec = parseModelSpec(JSON.parse(readFileSync('model.json', 'utf8')));
 */
export function parseModelSpec(v: unknown): ModelSpec {
  if (!isObject(v)) throw new ConfigError('model spec: expected a JSON object');
  onlyKeys(v, 'model spec', ['version', 'name', 'input', 'classes', 'neuron', 'layers']);
  if (v.version !== SPEC_VERSION) throw new ConfigError(`model spec.version: expected ${SPEC_VERSION}, got ${JSON.stringify(v.version)}`);
  if (typeof v.name !== 'string' || v.name === '') throw new ConfigError('model spec.name: expected a non-empty string');
  if (!Array.isArray(v.input) || v.input.length !== 3) throw new ConfigError('model spec.input: expected [H, W, C]');
  const input = v.input.map((d, i) => positiveInt(d, `model spec.input[${i}]`, i < 2 ? SPEC_LIMITS.side : SPEC_LIMITS.channels)) as [number, number, number];
  if (!Array.isArray(v.layers) || v.layers.length === 0 || v.layers.length > SPEC_LIMITS.layers) {
    throw new ConfigError(`model spec.layers: expected a non-empty array of at most ${SPEC_LIMITS.layers} layers`);
  }
  const neuron = resolveNeuron(checkNeuron(v.neuron, 'model spec.neuron', false), undefined, 'model spec.neuron');
  const layers = v.layers.map((l, i) => checkLayer(l, `layers[${i}]`));
  layers.forEach((l, i) => l.type === 'spiking' && resolveNeuron(neuron, l.neuron, `layers[${i}].neuron`));
  return {
    version: SPEC_VERSION,
    name: v.name,
    input,
    classes: positiveInt(v.classes, 'model spec.classes', SPEC_LIMITS.classes),
    neuron,
    layers,
  };
}

/**
 * The neuron a spiking layer runs: `base` (the model's neuron) with the layer's fields over it;
 * a τ left over from a LIF base is dropped when the layer switches to IF.
 * @throws ConfigError naming `where` for a missing field, a LIF/PLIF without τ or a PLIF τ of 1.
 */
export function resolveNeuron(base: NeuronOverride, layer: NeuronOverride | undefined, where: string): NeuronSpec {
  const { kind, tau, theta, reset, detachReset, surrogate } = { ...base, ...layer };
  if (kind === undefined || theta === undefined || reset === undefined || detachReset === undefined || surrogate === undefined) {
    throw new ConfigError(`${where}: kind, theta, reset, detachReset and surrogate are required`);
  }
  const common = { theta, reset, detachReset, surrogate };
  if (kind === 'if') return { kind, ...common };
  if (tau === undefined) throw new ConfigError(`${where}.tau: required for ${kind}`);
  if (kind === 'plif' && !(tau < 1)) throw new ConfigError(`${where}.tau: plif needs an initial tau < 1 (its logit is infinite at 1)`);
  return { kind, tau, ...common };
}
