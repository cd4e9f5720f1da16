import { describe, expect, it } from 'vitest';
import { FrameQueue, type QueuedFrame } from '../../../src/sinks/feed/FrameQueue.js';

const frame = (bytes: number, id: number, droppable = true): QueuedFrame => ({ bytes: new Uint8Array(bytes).fill(id), events: id, droppable });

describe('FrameQueue', () => {
  it('hands frames out in order while the write window is open', () => {
    const q = new FrameQueue(1000, 250);
    [1, 2, 3, 4].forEach((id) => q.offer(frame(100, id)));
    expect([q.take()?.events, q.take()?.events, q.take()?.events]).toEqual([1, 2, 3]);
    expect(q.take()).toBeUndefined(); // 300 bytes in flight >= 250
    q.written(100);
    expect(q.take()?.events).toBe(4);
    expect(q.take()).toBeUndefined();
    q.written(300);
    expect(q.idle).toBe(true);
  });

  it('drops the oldest droppable frames beyond the bound, and counts them', () => {
    const q = new FrameQueue(300, 1);
    q.offer(frame(10, 0, false));
    expect(q.take()?.events).toBe(0); // window now full: everything else waits
    q.offer(frame(10, 100, false)); // a control frame waiting: never dropped
    for (let id = 1; id <= 6; id++) q.offer(frame(100, id));
    expect([q.droppedFrames, q.droppedEvents, q.droppedBytes]).toEqual([4, 1 + 2 + 3 + 4, 400]);
    expect(q.queuedBytes).toBe(210);
    q.written(10);
    const order: number[] = [];
    for (let f = q.take(); f; f = q.take()) {
      order.push(f.events);
      q.written(f.bytes.length);
    }
    expect(order).toEqual([100, 5, 6]);
  });

  it('drops a frame larger than the bound itself, keeping control frames', () => {
    const q = new FrameQueue(50, 1);
    q.offer(frame(1, 0, false));
    q.take();
    q.offer(frame(10, 7, false));
    q.offer(frame(100, 1));
    expect([q.droppedFrames, q.queuedBytes]).toEqual([1, 10]);
  });

  it('stays bounded and correct over many frames (compaction)', () => {
    const q = new FrameQueue(10_000, 1);
    q.offer(frame(1, 0));
    q.take();
    for (let id = 1; id <= 5000; id++) q.offer(frame(100, id));
    expect(q.queuedBytes).toBe(10_000);
    expect(q.droppedFrames).toBe(4900);
    q.written(1);
    const got: number[] = [];
    for (let f = q.take(); f; f = q.take()) {
      got.push(f.events);
      q.written(100);
    }
    expect(got).toEqual(Array.from({ length: 100 }, (_, i) => 4901 + i));
  });
});
