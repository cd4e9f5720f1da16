import { join } from 'node:path';
import { type Aedat4Server, serveAedat4 } from '../sinks/index.js';
import { packageRoot } from './version.js';

/** The shipped demo recording and its truth (scripts/demo/makeDemoRecording.ts). */
export const DEMO_RECORDING = join('fixtures', 'demo', 'saccade-digits-demo.aedat4');
export const DEMO_LABELS = join('fixtures', 'demo', 'saccade-digits-demo.labels.json');

/** A path of the clone (the demo's fixtures), whatever the working directory. */
export const inPackage = (path: string): string => join(packageRoot(), path);

/**
 * A stand-in camera on loopback: `file` served as a live AEDAT 4.0 stream on 127.0.0.1 (a free
 * port) at `speed` × real time, once or looping.
 */
export function loopbackCamera(file: string, o: { speed: number; loop: boolean }): Promise<Aedat4Server> {
  return serveAedat4(file, { host: '127.0.0.1', port: 0, speed: o.speed, loop: o.loop });
}
