import type { SchedulerLike } from 'rxjs';
import type { FileHeader } from '../../aedat/core/types.js';
import type { SideOutputs } from '../ReplayOptions.js';
import type { FlowPolicy } from '../../streams/flow/FlowPolicy.js';
import type { ConnectionState, ReconnectOptions } from '../reconnect.js';


/** Options of {@link aedat4TcpSource}. */
export interface Aedat4TcpOptions {
  readonly host: string;
  readonly port: number;
  /** Absent: one connection; its end completes the stream (or errors if it ended mid-packet). */
  readonly reconnect?: ReconnectOptions;
  readonly onState?: (state: ConnectionState) => void;
  /** Receives a snapshot at each disconnection and when the run ends. */
  readonly onMetrics?: (m: Aedat4TcpMetrics) => void;
  /** Receives each connection's IOHeader (compression, streams, sensor size) once read. */
  readonly onHeader?: (header: FileHeader) => void;
  readonly onSide?: (side: SideOutputs) => void;
  /** `lossless`: the socket is paused while the policy's valve is closed (TCP backpressure). */
  readonly policy?: FlowPolicy;
  /** Id of the EVTS stream to decode (default: the lowest declared). */
  readonly eventStream?: number;
  /** Largest packet accepted (default 16 MiB): a larger Size field is a protocol error. */
  readonly maxPacketBytes?: number;
  /** Largest IOHeader accepted (default 1 MiB). */
  readonly maxHeaderBytes?: number;
  /** Scheduler of the backoff timers (default `asyncScheduler`). */
  readonly scheduler?: SchedulerLike;
}

/** Counts of one subscription to {@link aedat4TcpSource}, in the conventions of `SourceMetrics`. */
export interface Aedat4TcpMetrics {
  readonly source: 'aedat4Tcp';
  readonly state: 'running' | 'complete' | 'error' | 'unsubscribed';
  readonly batches: number;
  readonly events: number;
  /** Connections that were established (the first and every reconnection). */
  readonly connections: number;
  /** Connection attempts refused, and connections that ended (closed by the server or lost). */
  readonly failures: number;
  readonly chunksRead: number;
  readonly bytesRead: number;
  /** Decoder `skipped` counts, summed over connections. */
  readonly skipped: Readonly<Record<string, number>>;
  /** `truncatedBytes`: bytes of a packet (or IOHeader) cut off by a lost connection. */
  readonly dropped: Readonly<Record<string, number>>;
  readonly side: { readonly frames: number; readonly imu: number; readonly triggers: number };
}
