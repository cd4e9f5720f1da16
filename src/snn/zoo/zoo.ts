import { ConfigError } from '../../errors.js';
import { parseModelSpec, SPEC_VERSION, type ModelSpec, type NeuronSpec } from '../model/spec.js';

/** The torch peer's LIF (`../shared/peers/torch_snn_bench.py`): τ 0.5, θ 1, hard reset through s, sigmoid α 4. */
export const PEER_LIF: NeuronSpec = {
  kind: 'lif', tau: 0.5, theta: 1, reset: 'hard', detachReset: false, surrogate: { name: 'sigmoid', gamma: 4 },
};

/** The paper's training neuron: LIF, triangle surrogate γ 1. */
const PAPER_LIF: NeuronSpec = { ...PEER_LIF, surrogate: { name: 'triangle', gamma: 1 } };

/** Architecture names of {@link zoo}. */
export const ZOO_NAMES = ['csnn-nmnist', 'vgg-dvs48', 'vgg-dvs128', 'mlp'] as const;
export type ZooName = (typeof ZOO_NAMES)[number];

const conv = (filters: number, gain?: number): object => ({ type: 'conv2d', filters, kernel: 3, padding: 'same', bias: false, ...(gain === undefined ? {} : { gain }) });
const spiking = { type: 'spiking' };

function vgg(side: number, classes: number): object {
  const block = (filters: number): object[] => [conv(filters), { type: 'batchNorm' }, spiking];
  const pools = side === 48 ? 3 : 4; // 48 → 6, 128 → 8
  const widths = [32, 64, 128, 128];
  const layers = widths.slice(0, pools).flatMap((w) => [...block(w), { type: 'avgPool', size: 2 }]);
  return {
    version: SPEC_VERSION, name: `vgg-dvs${side}`, input: [side, side, 2], classes, neuron: PAPER_LIF,
    layers: [...layers, { type: 'flatten' }, { type: 'dropout', rate: 0.2 }, { type: 'dense', units: 256, bias: true }, spiking,
      { type: 'dense', units: classes, bias: true }],
  };
}

/**
 * A reference architecture as a validated spec:
 * - `csnn-nmnist` — the torch peer's network, layer for layer: `[T,B,34,34,2]` → conv3×3 2→16
 *   (no bias, gain 6) → LIF → avgpool 2 → conv3×3 16→32 (gain 6) → LIF → avgpool 2 (17 → 8) →
 *   flatten 2048 → dense 10 (no bias); peer LIF.
 * - `vgg-dvs48` / `vgg-dvs128` — VGG-style blocks (conv3×3 → batch norm over T×B → LIF → avgpool 2),
 *   widths 32-64-128(-128), then dense 256 → LIF → dense; paper LIF (triangle γ 1). For 48×48 and
 *   128×128 DVS input (e.g. DVS Gesture, CIFAR10-DVS downsampled).
 * - `mlp` — flatten 34×34×2 → dense 256 → LIF → dense 10.
 * `classes` changes the output size (default 10; 11 suits DVS Gesture).
 * @throws ConfigError for an unknown name.
 * @example const spec = zoo('csnn-nmnist');
 */
export function zoo(name: string, classes = 10): ModelSpec {
  switch (name) {
    case 'csnn-nmnist':
      return parseModelSpec({
        version: SPEC_VERSION, name, input: [34, 34, 2], classes, neuron: PEER_LIF,
        layers: [conv(16, 6), spiking, { type: 'avgPool', size: 2 }, conv(32, 6), spiking, { type: 'avgPool', size: 2 },
          { type: 'flatten' }, { type: 'dense', units: classes, bias: false }],
      });
    case 'vgg-dvs48':
      return parseModelSpec(vgg(48, classes));
    case 'vgg-dvs128':
      return parseModelSpec(vgg(128, classes));
    case 'mlp':
      return parseModelSpec({
        version: SPEC_VERSION, name, input: [34, 34, 2], classes, neuron: PAPER_LIF,
        layers: [{ type: 'flatten' }, { type: 'dense', units: 256, bias: true, gain: 4 }, spiking, { type: 'dense', units: classes, bias: true }],
      });
    default:
      throw new ConfigError(`unknown architecture "${name}"; expected one of ${ZOO_NAMES.join(', ')}`);
  }
}
