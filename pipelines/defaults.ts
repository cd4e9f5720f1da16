/** The ready pipelines `spikeguard run` knows. */
export const PIPELINE_NAMES = ['stream-infer', 'replay', 'audit'] as const;
export type PipelineName = (typeof PIPELINE_NAMES)[number];

/** Windows and model of the shipped saccade-digits models: one 315 ms digit per window, 8 binary frames as in training. */
const SHIPPED = {
  windows: { windowUs: 315_000, bins: 8, values: 'binary' },
  model: 'fixtures/models/sr+at.sgck',
  classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
} as const;

/**
 * Each pipeline's embedded defaults, as a config file would hold them (paths relative to the
 * working directory: a clone's root). A config file and `--set` overrides are merged over them.
 */
export const PIPELINE_DEFAULTS: Readonly<Record<PipelineName, Readonly<Record<string, unknown>>>> = {
  'stream-infer': {
    source: { kind: 'aedat4-tcp', host: '127.0.0.1', port: 7777 },
    filters: {}, ...SHIPPED, monitor: null, sinks: { console: true },
  },
  replay: {
    source: { kind: 'file', speed: 'max' },
    filters: {}, ...SHIPPED, monitor: null, sinks: { console: true },
  },
  audit: {
    model: SHIPPED.model, data: 'saccade-digits', samples: 64, out: 'audit.json',
    attacks: ['fgsm', 'pgd'], eps: [0.02, 0.05, 0.1], gradients: 'paper', domain: 'unit', steps: 10, workers: 1, seed: 0,
  },
};
