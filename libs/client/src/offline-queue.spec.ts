import { OfflineQueue, QueueFullError } from './offline-queue.js';

const noop = () => undefined;

describe('OfflineQueue', () => {
  it('keeps order and stamps device time when queued, keeping a given recordedAt', () => {
    let now = Date.parse('2026-11-22T01:00:00.000Z');
    const q = new OfflineQueue(10, () => now);
    q.push('scan_checkpoint', { clientEventId: 'a' }, noop, noop);
    now += 1000;
    q.push('panic_alert', { clientEventId: 'b', recordedAt: '2026-11-22T00:59:00.000Z' }, noop, noop);
    now += 1000;
    q.push('update_location', { clientEventId: 'c', lat: 1, lng: 2 }, noop, noop);
    const seen = [q.shift(), q.shift(), q.shift()].map((i) => [
      i!.event,
      i!.payload.clientEventId,
      i!.payload.recordedAt,
    ]);
    expect(seen).toEqual([
      ['scan_checkpoint', 'a', '2026-11-22T01:00:00.000Z'],
      ['panic_alert', 'b', '2026-11-22T00:59:00.000Z'],
      ['update_location', 'c', '2026-11-22T01:00:02.000Z'],
    ]);
  });

  it('when full, drops the oldest location update, never a panic', () => {
    const q = new OfflineQueue(2);
    const rejected: string[] = [];
    q.push('update_location', { clientEventId: 'loc' }, noop, () => rejected.push('loc'));
    q.push('panic_alert', { clientEventId: 'p1' }, noop, noop);
    q.push('scan_checkpoint', { clientEventId: 's1' }, noop, noop);
    expect(rejected).toEqual(['loc']);
    expect(() => q.push('panic_alert', { clientEventId: 'p2' }, noop, noop)).toThrow(QueueFullError);
    expect(q.size).toBe(2);
    expect(q.peek()!.payload.clientEventId).toBe('p1');
  });

  it('clear rejects everything', () => {
    const q = new OfflineQueue();
    const errs: unknown[] = [];
    q.push('shift_start', { clientEventId: 'x' }, noop, (e) => errs.push(e));
    q.clear('closed');
    expect(errs).toEqual(['closed']);
    expect(q.size).toBe(0);
  });
});
