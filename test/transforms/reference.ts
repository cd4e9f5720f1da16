/**
 * Obviously-correct reference implementations (plain loops over event objects) that the fast
 * kernels are checked against. Sorted input only; slow on purpose.
 */
import type { Event } from '../../src/events/EventBatch.js';
import { type EventBatch, eventAt } from '../../src/events/EventBatch.js';

/** A window as plain data. */
export interface RefWindow {
  index: number;
  startUs: number;
  endUs: number;
  events: Event[];
  complete: boolean;
}

/** Events of a batch as objects. */
export function eventsOf(b: EventBatch): Event[] {
  return Array.from({ length: b.t.length }, (_, i) => eventAt(b, i)!);
}

/** Time windows of a sorted stream: every window from the first that ends after the first event to the first that ends after the last. */
export function refTimeWindows(ev: Event[], windowUs: number, hopUs = windowUs, originUs = 0): RefWindow[] {
  if (ev.length === 0) return [];
  const first = ev[0]!.t;
  const last = ev[ev.length - 1]!.t;
  let k = -1e6;
  while (originUs + k * hopUs + windowUs <= first) k++;
  const out: RefWindow[] = [];
  for (; ; k++) {
    const startUs = originUs + k * hopUs;
    const endUs = startUs + windowUs;
    out.push({ index: k, startUs, endUs, events: ev.filter((e) => e.t >= startUs && e.t < endUs), complete: endUs <= last });
    if (endUs > last) return out;
  }
}

/** Count windows of a stream, with tonic's include_incomplete rule. */
export function refCountWindows(ev: Event[], size: number, hop = size): RefWindow[] {
  const out: RefWindow[] = [];
  for (let j = 0; j * hop < ev.length; j++) {
    const events = ev.slice(j * hop, j * hop + size);
    const ts = events.map((e) => e.t);
    out.push({ index: j, startUs: Math.min(...ts), endUs: Math.max(...ts), events, complete: events.length === size });
    if (j * hop + size >= ev.length) break;
  }
  return out;
}

/** Frames [T,H,W,2] by the definition. */
export function refFrames(ev: Event[], startUs: number, endUs: number, W: number, H: number, T = 1, clip = Infinity): Float32Array {
  const out = new Float32Array(T * H * W * 2);
  for (const e of ev) {
    if (e.x >= W || e.y >= H || e.t < startUs || e.t > endUs) continue;
    const k = endUs > startUs ? Math.min(T - 1, Math.floor(((e.t - startUs) * T) / (endUs - startUs))) : 0;
    const i = ((k * H + e.y) * W + e.x) * 2 + (e.p > 0 ? 1 : 0);
    out[i] = Math.min(clip, out[i]! + 1);
  }
  return out;
}

/** Voxel grid by the definition: weight max(0, 1 − |τ − k|) to every bin k. */
export function refVoxel(ev: Event[], startUs: number, endUs: number, W: number, H: number, T: number, split: boolean): Float32Array {
  const C = split ? 2 : 1;
  const out = new Float32Array(T * H * W * C);
  for (const e of ev) {
    if (e.x >= W || e.y >= H || e.t < startUs || e.t > endUs) continue;
    const tau = endUs > startUs ? ((T - 1) * (e.t - startUs)) / (endUs - startUs) : 0;
    for (let k = 0; k < T; k++) {
      const w = Math.max(0, 1 - Math.abs(tau - k));
      if (w === 0) continue;
      const i = ((k * H + e.y) * W + e.x) * C + (split && e.p > 0 ? 1 : 0);
      out[i] = out[i]! + (split || e.p > 0 ? w : -w);
    }
  }
  return out;
}
