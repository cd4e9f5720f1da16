import { Observable } from 'rxjs';
import type { EventBatch } from '../../events/EventBatch.js';
import { ConfigError } from '../../errors.js';
import type { Aedat4TcpOptions } from './Aedat4TcpOptions.js';
import { TcpRun } from './TcpRun.js';

/**
 * A live AEDAT 4.0 network stream (iniVation DV's TCP output, dv-processing's
 * `dv::io::NetworkWriter`) as a cold stream of {@link EventBatch}es: each subscription opens
 * its own connection.
 *
 * Protocol, as dv-processing implements it (`include/dv-processing/io/network_writer.hpp`:
 * `Connection::start` writes `Writer::writeHeader(-1, infoNode)`, then each packet as its 8-byte
 * `PacketHeader` and data; `io/writer.hpp`: `encodeFileHeader` finishes a *size-prefixed*
 * `IOHeader` with `ForceDefaults`, packets are `{int32 StreamID, int32 Size}` + one compressed
 * frame of a size-prefixed flatbuffer): a uint32 size and the IOHeader flatbuffer (compression,
 * infoNode XML, dataTablePosition -1), then packets until the connection ends — no
 * `#!AER-DAT4.0` magic and no FileDataTable. A new connection starts with a new IOHeader.
 *
 * - **States** `connecting` → `connected` → `disconnected` (lost, retry pending) … → `closed`
 *   go to `onState`; metrics snapshots to `onMetrics` at each loss and at the end.
 * - **Lost connection**: the whole packets received are delivered; a packet cut short is
 *   counted in `dropped.truncatedBytes`. Without `reconnect` the stream completes after an
 *   orderly close between packets, and errors with the `TruncatedInputError` after one mid-packet,
 *   or with a {@link ConnectionError} when it never connected or was reset (`ECONNRESET`: a
 *   server reports its own fault so, the framing having no error message). With `reconnect` it retries with
 *   exponential backoff and errors with a ConnectionError after `maxRetries` consecutive failures.
 * - **Protocol faults** (garbage, a Size above `maxPacketBytes`, a bad flatbuffer) error with
 *   their `DecodeError`, reconnect or not: retrying a server that speaks something else would
 *   only loop.
 * - **Unsubscribing** closes the socket and cancels a pending retry.
 * - **Flow control**: with a `lossless` policy the socket is paused while the valve is closed,
 *   so the server feels TCP backpressure; memory is bounded by one partial packet
 *   (`maxPacketBytes`) plus one socket chunk.
 *
 * @throws ConfigError at call time on a bad port or reconnect option.
 * @example
 * aedat4TcpSource({ host: '127.0.0.1', port: 7777, reconnect: { initialDelayMs: 100, maxDelayMs: 5000, maxRetries: 10 } })
 *   .subscribe((b) => console.log(b.t.length));
 */
export function aedat4TcpSource(opts: Aedat4TcpOptions): Observable<EventBatch> {
  checkOptions(opts);
  return new Observable<EventBatch>((sub) => {
    const run = new TcpRun(opts, sub);
    run.start();
    return () => run.stop();
  });
}

function checkOptions(o: Aedat4TcpOptions): void {
  if (!(Number.isInteger(o.port) && o.port >= 1 && o.port <= 65535)) throw new ConfigError(`port must be 1..65535, got ${o.port}`);
  const r = o.reconnect;
  if (r === undefined) return;
  if (!(r.initialDelayMs >= 0 && r.maxDelayMs >= r.initialDelayMs && Number.isFinite(r.maxDelayMs))) {
    throw new ConfigError(`reconnect: need 0 <= initialDelayMs <= maxDelayMs (finite), got ${r.initialDelayMs}, ${r.maxDelayMs}`);
  }
  if (!((Number.isInteger(r.maxRetries) && r.maxRetries >= 0) || r.maxRetries === Infinity)) {
    throw new ConfigError(`reconnect: maxRetries must be an integer >= 0 or Infinity, got ${r.maxRetries}`);
  }
}
