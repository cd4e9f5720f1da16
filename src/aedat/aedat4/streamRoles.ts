import type { SensorSize } from '../../events/EventBatch.js';
import type { StreamInfo } from '../core/types.js';
import { PACKET_IDS } from './packets.js';

/** What the decoder does with a stream's packets. */
type StreamRole = 'events' | 'other_events' | 'frame' | 'imu' | 'triggers' | 'unknown';

/** How the declared streams are handled, and the chosen event stream. */
export interface StreamPlan {
  readonly roles: ReadonlyMap<number, { readonly role: StreamRole; readonly type: string }>;
  /** The decoded EVTS stream, or undefined when the file declares none. */
  readonly events?: StreamInfo;
}

const ROLE_OF: Readonly<Record<string, StreamRole>> = {
  [PACKET_IDS.events]: 'other_events',
  [PACKET_IDS.frame]: 'frame',
  [PACKET_IDS.imu]: 'imu',
  [PACKET_IDS.triggers]: 'triggers',
};

/**
 * Assigns roles: the chosen EVTS stream (`eventStream`, default the lowest id) gives events,
 * other EVTS streams are skipped, FRME/IMUS/TRIG give side outputs, other types are skipped.
 * A duplicated stream id keeps its first declaration.
 * @returns the plan, or a message when `eventStream` does not name an EVTS stream.
 */
export function planStreams(streams: readonly StreamInfo[], eventStream?: number): StreamPlan | string {
  const evts = streams.filter((s) => s.type === PACKET_IDS.events);
  const chosen = eventStream === undefined ? evts[0] : evts.find((s) => s.id === eventStream);
  if (eventStream !== undefined && chosen === undefined) {
    return `an EVTS stream with id ${eventStream} (declared: ${evts.map((s) => s.id).join(', ') || 'none'})`;
  }
  const roles = new Map<number, { role: StreamRole; type: string }>();
  for (const s of streams) {
    if (roles.has(s.id)) continue;
    roles.set(s.id, { role: s === chosen ? 'events' : (ROLE_OF[s.type] ?? 'unknown'), type: s.type });
  }
  return chosen === undefined ? { roles } : { roles, events: chosen };
}

/** Skipped-count kind for packets of a declared stream of a type the decoder does not read. */
export function unknownKind(type: string): string {
  const clean = type.toLowerCase().replace(/[^a-z0-9]/g, '');
  return `unknown_${clean || 'type'}`;
}

/** Coordinates are int16: without a declared size, this is their non-negative range. */
export const INT16_RANGE: SensorSize = { width: 0x8000, height: 0x8000 };
