/**
 * Obviously-correct reference filters: plain loops over event objects, written from the
 * definitions in the kernels' TSDoc (and tonic's numpy loops). Slow on purpose.
 */
import type { Event } from '../../../src/events/EventBatch.js';

interface Sensor { width: number; height: number }
const onSensor = (e: Event, s: Sensor): boolean => e.x < s.width && e.y < s.height;

/** Refractory: keep if t − ref > R; ref = last event (or last kept) of the pixel (and polarity). */
export function refRefractory(ev: Event[], s: Sensor, R: number, perPolarity = false, restartOn: 'event' | 'kept' = 'event'): Event[] {
  const ref = new Map<string, number>();
  const out: Event[] = [];
  for (const e of ev) {
    if (!onSensor(e, s)) continue;
    const key = perPolarity ? `${e.x},${e.y},${e.p}` : `${e.x},${e.y}`;
    const last = ref.get(key);
    const keep = last === undefined || e.t - last > R;
    if (keep) out.push(e);
    if (keep || restartOn === 'event') ref.set(key, e.t);
  }
  return out;
}

/** Denoise: keep if a 4- (or 8-) neighbour on the sensor had an event with t_n + T > t; every event updates. */
export function refDenoise(ev: Event[], s: Sensor, T: number, neighbours: 4 | 8 = 4): Event[] {
  const last = new Map<string, number>();
  const offsets = [[-1, 0], [1, 0], [0, -1], [0, 1]];
  if (neighbours === 8) offsets.push([-1, -1], [1, -1], [-1, 1], [1, 1]);
  const out: Event[] = [];
  for (const e of ev) {
    if (!onSensor(e, s)) continue;
    last.set(`${e.x},${e.y}`, e.t);
    const supported = offsets.some(([dx, dy]) => {
      const nx = e.x + dx!;
      const ny = e.y + dy!;
      if (nx < 0 || ny < 0 || nx >= s.width || ny >= s.height) return false;
      const tn = last.get(`${nx},${ny}`);
      return tn !== undefined && tn + T > e.t;
    });
    if (supported) out.push(e);
  }
  return out;
}

/** Hot pixels: count > factor × (total / active pixels), over on-sensor events; as "x,y" keys. */
export function refHotPixels(ev: Event[], s: Sensor, factor: number): Set<string> {
  const counts = new Map<string, number>();
  for (const e of ev) if (onSensor(e, s)) counts.set(`${e.x},${e.y}`, (counts.get(`${e.x},${e.y}`) ?? 0) + 1);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const mean = total / counts.size;
  return new Set([...counts].filter(([, c]) => c > factor * mean).map(([k]) => k));
}

/** Removes the events of the given "x,y" pixels and those off the sensor. */
export function refRemovePixels(ev: Event[], s: Sensor, hot: Set<string>): Event[] {
  return ev.filter((e) => onSensor(e, s) && !hot.has(`${e.x},${e.y}`));
}

/** Crop to [x0, x0+w) × [y0, y0+h), shifted to the origin. */
export function refCrop(ev: Event[], x0: number, y0: number, w: number, h: number): Event[] {
  return ev.filter((e) => e.x >= x0 && e.x < x0 + w && e.y >= y0 && e.y < y0 + h)
    .map((e) => ({ ...e, x: e.x - x0, y: e.y - y0 }));
}

/** Downsample by multiplying and flooring. */
export function refDownsample(ev: Event[], f: (v: number) => number): Event[] {
  return ev.map((e) => ({ ...e, x: f(e.x), y: f(e.y) }));
}
