import { describe, expect, it } from 'vitest';
import { PEER_LIF, SPEC_VERSION, buildModel, parseModelSpec } from '../../../src/snn/index.js';
import { SPEC_ENTRY, modelToNpz } from '../../../src/robust/npz/modelNpz.js';
import { openNpz } from '../../../src/robust/npz/npz.js';
import { expectNoLeak, useBackend } from '../../snn/snnHelpers.js';

/** Small, with every kind of parameter: conv kernel and bias, batch norm, dense kernel and bias. */
const spec = parseModelSpec({
  version: SPEC_VERSION, name: 'tiny', input: [6, 6, 2], classes: 3, neuron: PEER_LIF,
  layers: [{ type: 'conv2d', filters: 4, kernel: 3, padding: 'same', bias: true }, { type: 'batchNorm' }, { type: 'spiking' },
    { type: 'flatten' }, { type: 'dense', units: 3, bias: true }],
});

describe('modelToNpz', () => {
  it('stores every parameter under its checkpoint name in tfjs layout, and the spec', async () => {
    await useBackend('cpu');
    await expectNoLeak(() => {
      const model = buildModel(spec, { seed: 3 });
      try {
        const npz = openNpz(modelToNpz(model));
        expect(npz.names).toEqual([...model.params.map((p) => p.name), SPEC_ENTRY]);
        for (const p of model.params) {
          expect(npz.get(p.name)).toEqual({ dtype: 'f4', shape: p.variable.shape, data: p.variable.dataSync() });
        }
        expect(npz.names).toEqual(['0.conv2d.kernel', '0.conv2d.bias', '1.batchNorm.gamma', '1.batchNorm.beta',
          '1.batchNorm.runningMean', '1.batchNorm.runningVar', '4.dense.kernel', '4.dense.bias', SPEC_ENTRY]);
        expect(npz.get('0.conv2d.kernel').shape).toEqual([3, 3, 2, 4]); // [kh, kw, in, out]
        expect(npz.get('4.dense.kernel').shape).toEqual([144, 3]); // [in, out]
        const spec = npz.get(SPEC_ENTRY);
        expect(JSON.parse(new TextDecoder().decode(spec.data as Uint8Array))).toEqual(model.spec);
      } finally {
        model.dispose();
      }
    });
  });
});
