import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeNpz, openNpz } from '../../../src/robust/npz/npz.js';
import { encodeSpikeNpz, readSpikeNpz } from '../../../src/robust/npz/spikeNpz.js';

const PYTHON = '/usr/bin/python3';
const HAVE_NUMPY = spawnSync(PYTHON, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
if (!HAVE_NUMPY) console.warn(`[spikeguard tests] ${PYTHON} with numpy is absent: the numpy interop tests are skipped.`);

function python(script: string, ...args: string[]): string {
  const r = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return r.stdout;
}

describe.skipIf(!HAVE_NUMPY)('npz interop with numpy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikeguard-npz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads what numpy.savez and savez_compressed write (dtypes, Fortran order, int64 labels)', () => {
    const path = join(dir, 'from_numpy.npz');
    python(`
import sys, numpy as np
x = (np.arange(2*3*4*5*2) % 7).reshape(2, 3, 4, 5, 2)
np.savez(sys.argv[1] + 'f4.npz', x=x.astype(np.float32), y=np.array([3, 1]))
np.savez_compressed(sys.argv[1] + 'u1.npz', x=np.asfortranarray(x.astype(np.uint8)), y=np.array([3, 1], dtype=np.int32))
np.savez(sys.argv[1] + 'b1.npz', x=np.asfortranarray(x > 3), y=np.array([3, 1], dtype=np.uint8))
np.savez(sys.argv[1] + 'misc.npz', f8=np.array([[1.5, 2], [3, 4]], order='F'), i2=np.array([-7], dtype='<i2'), scalar=np.float32(2))
`, path);
    const want = Float32Array.from({ length: 240 }, (_, i) => i % 7);
    for (const kind of ['f4', 'u1']) {
      const r = readSpikeNpz(new Uint8Array(readFileSync(`${path}${kind}.npz`)));
      expect(r.shape).toEqual([2, 3, 4, 5, 2]);
      expect(r.x).toEqual(want);
      expect(r.labels).toEqual(Int32Array.of(3, 1));
    }
    expect(readSpikeNpz(new Uint8Array(readFileSync(`${path}b1.npz`))).x).toEqual(want.map((v) => (v > 3 ? 1 : 0)));
    const misc = openNpz(new Uint8Array(readFileSync(`${path}misc.npz`)));
    expect(misc.get('f8')).toEqual({ dtype: 'f8', shape: [2, 2], data: Float64Array.of(1.5, 2, 3, 4) });
    expect(misc.get('i2').data).toEqual(Int16Array.of(-7));
    expect(misc.get('scalar')).toEqual({ dtype: 'f4', shape: [], data: Float32Array.of(2) });
  });

  it('writes files numpy.load reads, stored and deflated', () => {
    const x = Float32Array.from({ length: 2 * 2 * 3 * 4 * 2 }, (_, i) => (i * 0.5) % 3);
    for (const compress of [false, true]) {
      const path = join(dir, `ours_${compress}.npz`);
      writeFileSync(path, encodeSpikeNpz({ x, shape: [2, 2, 3, 4, 2], labels: Int32Array.of(5, 0) }, { compress }));
      const out = python(`
import sys, json, numpy as np
with np.load(sys.argv[1], allow_pickle=False) as f:
    x, y = f['x'], f['y']
    print(json.dumps([sorted(f.files), x.dtype.str, list(x.shape), x.ravel().tolist(), y.dtype.str, y.tolist()]))
`, path);
      expect(JSON.parse(out)).toEqual([['x', 'y'], '<f4', [2, 2, 3, 4, 2], [...x], '<i8', [5, 0]]);
    }
    const path = join(dir, 'kinds.npz');
    writeFileSync(path, encodeNpz([['b', { dtype: 'b1', shape: [2], data: Uint8Array.of(1, 0) }], ['s', { dtype: 'u2', shape: [], data: Uint16Array.of(9) }]]));
    const out = python(`
import sys, numpy as np
f = np.load(sys.argv[1], allow_pickle=False)
print(f['b'].dtype, f['b'].tolist(), f['s'].shape, int(f['s']))
`, path);
    expect(out.trim()).toBe('bool [True, False] () 9');
  });
});
