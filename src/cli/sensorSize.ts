import { type FileReadOptions, streamEventFile } from '../aedat/node/streamEventFile.js';
import type { SensorSize } from '../events/EventBatch.js';
import { ConfigError } from '../errors.js';

/**
 * The sensor size an event file stores in its header (or `--sensor`, which the decoder reports as
 * its header size), or null for formats and files that store none (N-MNIST .bin, EVT 2/3 without
 * a geometry line, …). Reads only until the header is known.
 * @throws the file's detection or decode error (e.g. an empty or unrecognised file); fs errors.
 */
export async function storedSensor(path: string, opts: FileReadOptions): Promise<{ format: string; size: SensorSize | null }> {
  const { decoder, outputs } = streamEventFile(path, opts);
  for await (const out of outputs) {
    const h = decoder.header;
    if (h !== null) return { format: h.format, size: h.width && h.height ? { width: h.width, height: h.height } : null };
    if (out.error) throw out.error;
  }
  throw new ConfigError(`${path}: no file header could be read`);
}

/**
 * The smallest sensor that holds every event of the file (largest x + 1, largest y + 1): a first
 * pass over a file that stores no size. Decodes up to the first fault; at least 1×1.
 */
export async function sensorFromEvents(path: string, opts: FileReadOptions): Promise<SensorSize> {
  let width = 1;
  let height = 1;
  for await (const out of streamEventFile(path, opts).outputs) {
    const { x, y } = out.events;
    for (let i = 0; i < x.length; i++) {
      if (x[i]! >= width) width = x[i]! + 1;
      if (y[i]! >= height) height = y[i]! + 1;
    }
  }
  return { width, height };
}
