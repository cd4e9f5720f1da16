import * as tf from '@tensorflow/tfjs-core';
import { from, lastValueFrom, toArray } from 'rxjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyAndMonitor } from '../../pipelines/monitoredInference.js';
import { classifyWindows } from '../../pipelines/streamingInference.js';
import { readEventFile } from '../../src/aedat/node/index.js';
import type { EventBatch } from '../../src/events/index.js';
import { PRESETS, type MonitorOptions } from '../../src/robust/index.js';
import { buildModel, zoo } from '../../src/snn/index.js';
import { FIXTURES } from '../helpers/samples.js';
import { useBackend } from '../snn/snnHelpers.js';

const WINDOWS = { windowUs: 50_000, bins: 2 };
const MONITOR: MonitorOptions = {
  every: 2, budgetMs: 60_000, epsMax: 0.5, tolerance: 0.1, steps: 2, draws: 4, norm: 'linf',
  gradient: PRESETS.paper[0]!, domain: { kind: 'unit' }, seed: 0,
};

async function nmnist(): Promise<EventBatch> {
  return (await readEventFile(`${FIXTURES}/nmnist_sample.bin`, { sensor: { width: 34, height: 34 } })).events;
}

describe('classify with the robustness monitor', () => {
  beforeAll(() => useBackend('wasm'));

  it('passes every prediction through unchanged and first; records follow, with the skipped windows counted', async () => {
    const events = await nmnist();
    const model = buildModel(zoo('csnn-nmnist'), { seed: 3 });
    const before = tf.memory().numTensors;
    const alone = await lastValueFrom(from([events]).pipe(classifyWindows(model, WINDOWS), toArray()));
    const out = await lastValueFrom(from([events]).pipe(classifyAndMonitor(model, WINDOWS, MONITOR), toArray()));
    expect(tf.memory().numTensors).toBe(before);
    const predictions = out.flatMap((o) => ('prediction' in o ? [o.prediction] : []));
    expect(predictions).toEqual(alone);
    // All 7 windows arrive at once: predictions are not held back by the monitor, which measured
    // window 0 and skipped the sampled windows 2, 4 and 6 meanwhile.
    expect(out.slice(0, 7).every((o) => 'prediction' in o)).toBe(true);
    expect(out).toHaveLength(8);
    const last = out[7]!;
    expect('monitor' in last && [last.monitor.window, last.monitor.skipped, last.monitor.startUs]).toEqual([0, 3, 0]);
    model.dispose();
  }, 120_000);

  it('rejects invalid monitor options at call time', () => {
    const model = buildModel(zoo('csnn-nmnist'), { seed: 3 });
    expect(() => classifyAndMonitor(model, WINDOWS, { ...MONITOR, steps: 0 })).toThrow(/steps/);
    model.dispose();
  });
});
