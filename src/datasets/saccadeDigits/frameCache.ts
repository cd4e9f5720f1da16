import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { writeFileAtomic } from '../../writeFileAtomic.js';

const MAGIC = 'SGSD';
const FORMAT = 1;

/**
 * Where generated datasets are kept between runs: `$SPIKEGUARD_CACHE`, else
 * `$XDG_CACHE_HOME/spikeguard`, else `~/.cache/spikeguard`.
 */
export function defaultCacheDir(): string {
  const env = process.env;
  if (env.SPIKEGUARD_CACHE) return env.SPIKEGUARD_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'spikeguard');
}

/** The cache file of `key` (any plain data: it is hashed) in `dir`. */
export function cachePath(dir: string, key: unknown): string {
  return join(dir, `saccade-digits-${digest(JSON.stringify(key)).slice(0, 24)}.frames`);
}

function digest(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The frames stored under `key` at `path`, or null when the file is absent, from another key, or
 * damaged in any way (bad magic, header, length or checksum): a cache is never trusted, only reused.
 */
export async function readCachedFrames(path: string, key: unknown, bytes: number): Promise<Uint8Array | null> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch {
    return null;
  }
  try {
    if (file.length < 8 || file.toString('latin1', 0, 4) !== MAGIC) return null;
    const headerLength = file.readUInt32LE(4);
    if (headerLength > 1 << 16 || 8 + headerLength > file.length) return null;
    const header = JSON.parse(file.toString('utf8', 8, 8 + headerLength)) as { format?: unknown; key?: unknown; bytes?: unknown; sha256?: unknown };
    if (header.format !== FORMAT || JSON.stringify(header.key) !== JSON.stringify(key) || header.bytes !== bytes) return null;
    const payload = inflateSync(file.subarray(8 + headerLength), { maxOutputLength: bytes });
    if (payload.length !== bytes || digest(payload) !== header.sha256) return null;
    return new Uint8Array(payload.buffer, payload.byteOffset, payload.length);
  } catch {
    return null;
  }
}

/** Stores `frames` under `key` at `path` (written whole under a temporary name, then renamed). */
export async function writeCachedFrames(path: string, key: unknown, frames: Uint8Array): Promise<void> {
  const header = Buffer.from(JSON.stringify({ format: FORMAT, key, bytes: frames.length, sha256: digest(frames) }), 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(header.length, 4);
  await writeFileAtomic(path, Buffer.concat([prefix, header, deflateSync(frames, { level: 1 })]));
}
