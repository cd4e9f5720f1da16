import { ConfigError } from '../../errors.js';
import type { FeedOptions } from './FeedOptions.js';
import type { FeedTarget } from './FeedTarget.js';

/** Checks a target and options at call time. @throws ConfigError naming the first bad value. */
export function checkFeedOptions(t: FeedTarget, o: FeedOptions): void {
  const bad = (what: string, v: unknown): never => {
    throw new ConfigError(`feed: ${what}, got ${String(v)}`);
  };
  const port = 'url' in t ? 0 : 'listen' in t ? t.listen.port : t.port;
  if (!(Number.isInteger(port) && port >= 0 && port <= 65_535)) bad('port must be an integer in 0-65535', port);
  if ('host' in t && port === 0) bad('a client needs a port other than 0', port);
  if ('url' in t && !/^wss?:\/\//.test(t.url)) bad('url must start with ws:// or wss://', t.url);
  if ('listen' in t && o.reconnect !== undefined) bad('reconnect applies to client targets, not listen', 'reconnect');
  const max = o.maxFrameBytes ?? 1;
  if (!(Number.isInteger(max) && max >= 1 && max <= 0xffff_ffff)) bad('maxFrameBytes must be an integer in 1..2^32-1', max);
  const r = o.reconnect;
  if (r === undefined) return;
  if (!(r.initialDelayMs >= 0 && Number.isFinite(r.initialDelayMs))) bad('reconnect.initialDelayMs must be finite and >= 0', r.initialDelayMs);
  if (!(r.maxDelayMs >= r.initialDelayMs && Number.isFinite(r.maxDelayMs))) bad('reconnect.maxDelayMs must be finite and >= initialDelayMs', r.maxDelayMs);
  if (!(r.maxRetries === Infinity || (Number.isInteger(r.maxRetries) && r.maxRetries >= 0))) bad('reconnect.maxRetries must be an integer >= 0 or Infinity', r.maxRetries);
}
