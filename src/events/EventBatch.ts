/**
 * The columnar event model every layer of spikeguard speaks.
 *
 * Coordinates are pixel integers as stored by the source, time is microseconds (Float64, exact
 * to 2^53), polarity is 1 for ON and 0 for OFF. All four columns have the same length. Columns
 * may be views into a larger ArrayBuffer (slices are views): read a column through its own
 * byteOffset/byteLength, never through `.buffer` alone.
 */
export interface EventBatch {
  readonly x: Uint16Array;
  readonly y: Uint16Array;
  /** Timestamps in µs. */
  readonly t: Float64Array;
  /** 1 = ON (brightness increase), 0 = OFF. */
  readonly p: Uint8Array;
  /** Sensor width in pixels (or the format's coordinate range where the file does not say). */
  readonly width: number;
  /** Sensor height in pixels (or the format's coordinate range where the file does not say). */
  readonly height: number;
}

/** Sensor geometry in pixels. */
export interface SensorSize {
  readonly width: number;
  readonly height: number;
}

/** One event as a plain object, for reports and tests (never in hot paths). */
export interface Event {
  readonly t: number;
  readonly x: number;
  readonly y: number;
  readonly p: number;
}

/** Number of events in a batch. */
export function batchLength(b: EventBatch): number {
  return b.t.length;
}

/**
 * Builds a batch from columns, checking that they have the same length.
 * The arrays are taken, not copied.
 * @throws RangeError when the columns differ in length.
 */
export function makeBatch(
  cols: { x: Uint16Array; y: Uint16Array; t: Float64Array; p: Uint8Array },
  sensor: SensorSize,
): EventBatch {
  const n = cols.t.length;
  if (cols.x.length !== n || cols.y.length !== n || cols.p.length !== n) {
    throw new RangeError(
      `EventBatch columns differ in length: x ${cols.x.length}, y ${cols.y.length}, t ${n}, p ${cols.p.length}`,
    );
  }
  return { x: cols.x, y: cols.y, t: cols.t, p: cols.p, width: sensor.width, height: sensor.height };
}

/** An empty batch for the given sensor. */
export function emptyBatch(sensor: SensorSize): EventBatch {
  return makeBatch(
    { x: new Uint16Array(0), y: new Uint16Array(0), t: new Float64Array(0), p: new Uint8Array(0) },
    sensor,
  );
}

/** Builds a batch from event objects (tests, small fixtures). */
export function batchFromEvents(events: readonly Event[], sensor: SensorSize): EventBatch {
  const n = events.length;
  const b = {
    x: new Uint16Array(n),
    y: new Uint16Array(n),
    t: new Float64Array(n),
    p: new Uint8Array(n),
  };
  events.forEach((e, i) => {
    b.x[i] = e.x;
    b.y[i] = e.y;
    b.t[i] = e.t;
    b.p[i] = e.p;
  });
  return makeBatch(b, sensor);
}

/** Event `i` as an object, or null when out of range. */
export function eventAt(b: EventBatch, i: number): Event | null {
  if (i < 0 || i >= b.t.length) return null;
  return { t: b.t[i]!, x: b.x[i]!, y: b.y[i]!, p: b.p[i]! };
}

/** Events `[start, end)` as a view on the same memory (no copy). */
export function sliceIndex(b: EventBatch, start: number, end: number): EventBatch {
  return {
    x: b.x.subarray(start, end),
    y: b.y.subarray(start, end),
    t: b.t.subarray(start, end),
    p: b.p.subarray(start, end),
    width: b.width,
    height: b.height,
  };
}
