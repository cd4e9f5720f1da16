import type { PredictionMessage, SpikesMessage } from './WireMessage.js';
import type { FieldReader } from './FieldReader.js';
import { describeValue } from './FieldReader.js';
import { columnBytes, readColumn } from './byteColumns.js';

/** The msgpack map of a spike tensor: `shape` (array of uint), `data` (f32 little-endian `bin`). */
export function encodeSpikes(m: SpikesMessage): Record<string, unknown> {
  const map: Record<string, unknown> = { kind: 'spikes', shape: [...m.shape], data: columnBytes(m.data) };
  if (m.startUs !== undefined) map['startUs'] = m.startUs;
  if (m.endUs !== undefined) map['endUs'] = m.endUs;
  return map;
}

/** Reads a spike tensor: the product of `shape` must equal the number of floats in `data`. */
export function decodeSpikes(f: FieldReader): SpikesMessage {
  const shape = f.array('shape').map((d, i) => {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) f.fail(`shape[${i}]`, 'integer >= 0', describeValue(d));
    return d;
  });
  const bytes = f.bin('data', 4);
  const size = shape.reduce((a, d) => a * d, 1);
  if (size * 4 !== bytes.length) f.fail('data', `bin of ${size * 4} bytes (shape [${shape.join(', ')}])`, `${bytes.length} bytes`);
  const startUs = f.optionalNumber('startUs');
  const endUs = f.optionalNumber('endUs');
  return {
    kind: 'spikes', shape, data: readColumn(bytes, Float32Array),
    ...(startUs === undefined ? {} : { startUs }), ...(endUs === undefined ? {} : { endUs }),
  };
}

/** The msgpack map of a prediction: `scores` (f32 little-endian `bin`), `startUs`, `endUs`. */
export function encodePrediction(m: PredictionMessage): Record<string, unknown> {
  return { kind: 'prediction', scores: columnBytes(m.scores), startUs: m.startUs, endUs: m.endUs };
}

/** Reads a prediction. */
export function decodePrediction(f: FieldReader): PredictionMessage {
  return { kind: 'prediction', scores: readColumn(f.bin('scores', 4), Float32Array), startUs: f.number('startUs'), endUs: f.number('endUs') };
}
