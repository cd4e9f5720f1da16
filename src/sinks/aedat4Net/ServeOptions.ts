import type { Aedat4Compression } from '../../aedat/aedat4/Aedat4Writer.js';
import type { OpenDecoderOptions } from '../../aedat/openDecoder.js';
import type { Valve } from '../../streams/flow/Valve.js';

/** Options of {@link serveAedat4}. */
export interface ServeOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 0: an ephemeral port (read it from the returned server). */
  readonly port?: number;
  /** Packet compression (default `lz4`; `zstd` needs the optional zstd-napi). */
  readonly compression?: Aedat4Compression;
  /** Sensor size: required when serving batches, read from the file otherwise. */
  readonly width?: number;
  readonly height?: number;
  /**
   * File input only: `speed` × real time by event time (default 1, a stand-in camera), or `'max'`:
   * as fast as the slowest client reads — the replay pauses while any client's buffer is over
   * half full, so nothing is dropped.
   */
  readonly speed?: number | 'max';
  /** File input only: replay the recording again and again (time keeps increasing). */
  readonly loop?: boolean;
  /** Decoder options for the file (format, sensor, chip, event stream). */
  readonly decoder?: OpenDecoderOptions;
  /** Bytes a client may have waiting to be sent (default 8 MiB); see `slowClient`. */
  readonly clientBufferBytes?: number;
  /**
   * A packet that does not fit a client's buffer: `'drop'` (default) skips that packet for that
   * client only (packets are self-contained, so its stream stays valid), `'disconnect'` closes
   * the client. Either way it is counted.
   */
  readonly slowClient?: 'drop' | 'disconnect';
  /** Connections beyond this are closed at once and counted (default 10, as dv-processing). */
  readonly maxClients?: number;
  /** Events per packet (default 4096); each batch is sent at once, in as many packets as it needs. */
  readonly packetEvents?: number;
  /**
   * Closed while any client has more than half its buffer waiting: give it to a producer that can
   * wait (e.g. `gatedChunkReader`) to serve batches losslessly. File input at `'max'` makes its own.
   */
  readonly valve?: Valve;
  /** Camera name in the stream's infoNode (default `spikeguard`). */
  readonly cameraName?: string;
  /** Receives a snapshot when a client leaves and when serving ends. */
  readonly onMetrics?: (m: ServerMetrics) => void;
}

/** Counts of one {@link serveAedat4} server. */
export interface ServerMetrics {
  readonly state: 'waiting' | 'serving' | 'complete' | 'error' | 'closed';
  /** Clients connected now, served in total, and turned away (over `maxClients`). */
  readonly clients: number;
  readonly clientsServed: number;
  readonly refused: number;
  /** Batches, events and packets sent (each packet to every client connected then). */
  readonly batches: number;
  readonly events: number;
  readonly packets: number;
  /** `slowClientPackets` / `slowClientEvents`: not sent to a slow client; `slowClientsClosed`. */
  readonly dropped: Readonly<Record<string, number>>;
}
