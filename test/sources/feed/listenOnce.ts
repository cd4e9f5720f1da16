/**
 * Child process of feedTeardown.test.ts: one feedSource listening for a sender, printing its port,
 * then how the stream ended. It must exit by itself once the stream ended (nothing left open).
 */
import { feedSource } from '../../../src/sources/feed/feedSource.js';

const transport = process.argv[2] === 'ws' ? 'ws' : 'tcp';
feedSource({ listen: { port: 0, transport } }, { onListening: (a) => console.log(`port ${a.port}`) }).subscribe({
  error: (e: unknown) => console.log(`error ${e instanceof Error ? e.name : String(e)}`),
  complete: () => console.log('complete'),
});
