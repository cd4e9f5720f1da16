// Decode a recording chunk by chunk, as bytes would arrive from a file or a socket.
// Run: npx tsx examples/decodeChunks.ts [FILE]
import { readFileSync } from 'node:fs';
import { openDecoder } from '../src/aedat/index.js';

const file = process.argv[2] ?? 'fixtures/aedat4_davis346_evlib_sample.aedat4';
const bytes = new Uint8Array(readFileSync(file));
const decoder = openDecoder({ fileName: file }); // format detected from the first bytes
let events = 0;
let frames = 0;
for (let at = 0; at <= bytes.length; at += 4096) {
  const out = at < bytes.length ? decoder.push(bytes.subarray(at, at + 4096)) : decoder.end();
  events += out.events.t.length; // EventBatch: x, y, t (µs), p, width, height
  frames += out.frames.length;
  if (out.error) throw out.error; // DecodeError: format, offsetBytes, expected, got
}
console.log(`${decoder.header?.format}: ${events} events, ${frames} frames, skipped`, decoder.skipped);
