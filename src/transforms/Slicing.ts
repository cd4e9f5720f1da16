/**
 * How {@link windowEvents} cuts a stream into windows: exactly one way, as a type.
 *
 * - `time`: windows of `windowUs` µs starting every `hopUs` (default `windowUs`: tumbling),
 *   edges fixed at `originUs + k·hopUs` (default origin 0) — never at the first event.
 *   Empty windows are emitted; a run longer than `maxEmptyWindows` (default 1000) is collapsed
 *   into one record. At most `maxPendingEvents` (default 2^24) events wait for their window; more
 *   are shed and counted in `dropped`.
 * - `count`: `events` events per window, a new window every `hop` events (default `events`).
 * - `timeBins` / `eventBins`: the whole stream in `n` bins of equal duration / equal event count,
 *   emitted on completion (see {@link binWholeStream} for `edges`). Buffers the stream, up to
 *   `maxEvents` (default 2^24); beyond that the stream errors with a ConfigError.
 */
export type Slicing =
  | {
      readonly by: 'time';
      readonly windowUs: number;
      readonly hopUs?: number;
      readonly originUs?: number;
      readonly maxEmptyWindows?: number;
      readonly maxPendingEvents?: number;
    }
  | { readonly by: 'count'; readonly events: number; readonly hop?: number }
  | { readonly by: 'timeBins' | 'eventBins'; readonly n: number; readonly edges: BinEdges; readonly maxEvents?: number };

/**
 * Edges of whole-stream bins (no default: the two conventions differ in the last bin).
 * - `tonic`: as tonic's `ToFrame(n_time_bins=…)` / `ToFrame(n_event_bins=…)`
 *   (`SliceByTimeBins` / `SliceByEventBins`): bin width `floor((t_last − t_first)/n)` µs or
 *   `floor(N/n)` events; the tail after `n` whole bins (at least the last event for time bins)
 *   is left out and counted.
 * - `inclusive`: as SpikingJelly's `integrate_events_by_fixed_frames_number` (used for the
 *   paper's CIFAR10-DVS frames): the same widths, but the last bin runs to the last event.
 */
export type BinEdges = 'tonic' | 'inclusive';
