import { describe, expect, it } from 'vitest';
import { buildModel, zoo } from '../../../src/snn/index.js';
import { SPEC_ENTRY, modelToNpz } from '../../../src/robust/npz/modelNpz.js';
import { openNpz } from '../../../src/robust/npz/npz.js';
import { expectNoLeak, useBackend } from '../../snn/snnHelpers.js';

describe('modelToNpz', () => {
  it('stores every parameter under its checkpoint name in tfjs layout, and the spec', async () => {
    await useBackend('cpu');
    await expectNoLeak(() => {
      const model = buildModel(zoo('vgg-dvs48', 4), { seed: 3 });
      try {
        const npz = openNpz(modelToNpz(model));
        expect(npz.names).toEqual([...model.params.map((p) => p.name), SPEC_ENTRY]);
        for (const p of model.params) {
          expect(npz.get(p.name)).toEqual({ dtype: 'f4', shape: p.variable.shape, data: p.variable.dataSync() });
        }
        expect(npz.get('0.conv2d.kernel').shape).toEqual([3, 3, 2, 32]); // [kh, kw, in, out]
        expect(npz.get('1.batchNorm.runningVar').shape).toEqual([32]);
        const spec = npz.get(SPEC_ENTRY);
        expect(JSON.parse(new TextDecoder().decode(spec.data as Uint8Array))).toEqual(model.spec);
      } finally {
        model.dispose();
      }
    });
  });
});
