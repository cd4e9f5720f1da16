import { basename } from 'node:path';
import type { Observable } from 'rxjs';
import { streamEventFile } from '../../aedat/node/streamEventFile.js';
import type { OpenDecoderOptions } from '../../aedat/openDecoder.js';
import type { EventBatch, SensorSize } from '../../events/EventBatch.js';
import { fileChunkReader } from '../../sources/fileChunkReader.js';
import { gatedChunkReader } from '../../streams/flow/gatedChunkReader.js';
import type { Valve } from '../../streams/flow/Valve.js';
import { replayChunks } from '../../sources/replayChunks.js';

/**
 * The sensor size of an event file: from its header, or else the coordinate range of its first
 * decoded batch. Reads only as far as needed.
 * @throws the file's DecodeError when it fails before any event (e.g. empty or unrecognised); fs errors.
 */
export async function sensorOfFile(path: string, decoder: OpenDecoderOptions = {}): Promise<SensorSize> {
  const { decoder: dec, outputs } = streamEventFile(path, { fileName: basename(path), ...decoder });
  for await (const out of outputs) {
    const h = dec.header;
    if (h?.width && h.height) return { width: h.width, height: h.height };
    if (out.events.t.length > 0) return { width: out.events.width, height: out.events.height };
    if (out.error) throw out.error; // an empty or unrecognised file: its detection error, not a 0×0 sensor
  }
  return { width: dec.header?.width || 1, height: dec.header?.height || 1 };
}

/**
 * The replay a server streams from a file: paced at `speed` (lossy for slow clients, as a live
 * camera), or with `'max'` as fast as `valve` lets it (the server closes it for slow clients).
 */
export function fileReplay(path: string, o: { speed: number | 'max'; loop: boolean; decoder: OpenDecoderOptions; valve: Valve }): Observable<EventBatch> {
  const replay = { fileName: basename(path), ...o.decoder, loops: o.loop ? Infinity : 1 };
  if (o.speed === 'max') return replayChunks(() => gatedChunkReader(fileChunkReader(path), o.valve), replay);
  return replayChunks(() => fileChunkReader(path), { ...replay, pace: { speed: o.speed } });
}
