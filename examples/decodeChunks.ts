// Decode a recording chunk by chunk, as bytes would arrive from a file or a socket.
// Run: npx tsx examples/decodeChunks.ts [FILE]
import { readFileSync } from 'node:fs';
import { type DecodeError, type DecodeOutput, openDecoder } from '../src/aedat/index.js';

const file = process.argv[2] ?? 'fixtures/aedat4_davis346_evlib_sample.aedat4';
const bytes = new Uint8Array(readFileSync(file));
const decoder = openDecoder({ fileName: file }); // format detected from the first bytes
let events = 0;
let frames = 0;
const count = (out: DecodeOutput): DecodeError | undefined => {
  events += out.events.t.length; // EventBatch: x, y, t (µs), p, width, height
  frames += out.frames.length;
  return out.error; // DecodeError: format, offsetBytes, expected, got
};
let error: DecodeError | undefined;
for (let at = 0; at < bytes.length && !error; at += 4096) error = count(decoder.push(bytes.subarray(at, at + 4096)));
error ??= count(decoder.end()); // always end(): a file cut mid-record is reported only here
console.log(`${decoder.header?.format}: ${events} events, ${frames} frames, skipped`, decoder.skipped);
if (error) {
  console.error(`${file}: ${error.message} (the events before it were decoded)`);
  process.exitCode = 1;
}
