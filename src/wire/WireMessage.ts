/**
 * The messages of the spikeguard wire format (docs/wire.md). Each travels as one msgpack map
 * whose `kind` names it; columns travel as little-endian bytes in msgpack `bin` fields.
 */

/** First message of every connection: protocol version and sensor geometry. */
export interface HelloMessage {
  readonly kind: 'hello';
  /** Must equal {@link WIRE_VERSION}. */
  readonly version: number;
  readonly width: number;
  readonly height: number;
  /** Free-form name of the producer (camera serial, file name). */
  readonly source?: string;
}

/** A batch of events as columns of equal length (see `EventBatch`). */
export interface EventsMessage {
  readonly kind: 'events';
  readonly x: Uint16Array;
  readonly y: Uint16Array;
  /** Timestamps in µs. */
  readonly t: Float64Array;
  /** 1 = ON, 0 = OFF. */
  readonly p: Uint8Array;
  /** Events-frame counter of the producer (0, 1, 2, …): gaps reveal frames dropped on the way. */
  readonly seq?: number;
  /** Sender's wall clock when the frame was sent, ms (for latency measurement). */
  readonly sentAtMs?: number;
}

/** The producer finished: no message follows on this connection. */
export interface EndMessage {
  readonly kind: 'end';
}

/** A spike tensor (`[T, H, W, C]` or batched), float32 row-major. */
export interface SpikesMessage {
  readonly kind: 'spikes';
  /** Dimensions, outermost first; their product is `data.length`. */
  readonly shape: readonly number[];
  readonly data: Float32Array;
  /** Time window the tensor covers, µs (optional). */
  readonly startUs?: number;
  readonly endUs?: number;
}

/** Class scores of one inference window. */
export interface PredictionMessage {
  readonly kind: 'prediction';
  /** One score per class (logits or probabilities, as the producer documents). */
  readonly scores: Float32Array;
  /** Window the prediction covers, µs. */
  readonly startUs: number;
  readonly endUs: number;
}

/** A value inside an audit record: msgpack's JSON-like subset. */
export type AuditValue = null | boolean | number | string | readonly AuditValue[] | { readonly [key: string]: AuditValue };

/** A generic keyed record (robustness audit rows, monitor readings). */
export interface AuditMessage {
  readonly kind: 'audit';
  readonly record: { readonly [key: string]: AuditValue };
}

/** Any message of the wire format. */
export type WireMessage = HelloMessage | EventsMessage | EndMessage | SpikesMessage | PredictionMessage | AuditMessage;

/** The `kind` of a message. */
export type WireKind = WireMessage['kind'];
