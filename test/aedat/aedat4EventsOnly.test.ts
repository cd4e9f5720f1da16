import { describe, expect, it } from 'vitest';
import { decodeAll } from '../../src/aedat/decodeAll.js';
import { openDecoder } from '../../src/aedat/openDecoder.js';
import { fixture } from '../helpers/samples.js';

describe('AEDAT 4.0 eventsOnly', () => {
  it('gives the same events, skips frame, IMU and trigger packets unread and counts them', () => {
    const bytes = fixture('aedat4_davis346_evlib_sample.aedat4');
    const all = decodeAll(openDecoder({ fileName: 'x.aedat4' }), bytes);
    const only = decodeAll(openDecoder({ fileName: 'x.aedat4', eventsOnly: true }), bytes);
    expect(only.error).toBeUndefined();
    expect(only.events.t.length).toBe(6676);
    expect([only.events.x, only.events.y, only.events.t, only.events.p]).toEqual([all.events.x, all.events.y, all.events.t, all.events.p]);
    expect([all.frames.length, all.imu.length, all.triggers.length]).toEqual([4, 160, 17]);
    expect([only.frames.length, only.imu.length, only.triggers.length]).toEqual([0, 0, 0]);
    expect(Object.keys(only.skipped).sort()).toEqual(['frame_not_requested', 'imu_not_requested', 'triggers_not_requested']);
  });
});
