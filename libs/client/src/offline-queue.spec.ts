import { OfflineQueue, QueueFullError } from './offline-queue.js';

const noop = () => undefined;

describe('OfflineQueue', () => {
  it('keeps order and stamps device time when queued, keeping a given recordedAt', () => {
    let now = Date.parse('2026-11-22T01:00:00.000Z');
    const q = new OfflineQueue(10, () => now);
    q.push('scan_checkpoint', { clientEventId: 'a' }, noop, noop);
    now += 1000;
    q.push('shift_end', { clientEventId: 'b', recordedAt: '2026-11-22T00:59:00.000Z' }, noop, noop);
    now += 1000;
    q.push('update_location', { clientEventId: 'c', lat: 1, lng: 2 }, noop, noop);
    const seen: [string, string, string][] = [];
    for (let item = q.nextInOrder(); item; item = q.nextInOrder()) {
      seen.push([item.event, item.payload.clientEventId, item.payload.recordedAt]);
      q.remove(item);
    }
    expect(seen).toEqual([
      ['scan_checkpoint', 'a', '2026-11-22T01:00:00.000Z'],
      ['shift_end', 'b', '2026-11-22T00:59:00.000Z'],
      ['update_location', 'c', '2026-11-22T01:00:02.000Z'],
    ]);
  });

  it('keeps panics out of the in-order lane: they wait for nothing queued before them', () => {
    const q = new OfflineQueue();
    q.push('update_location', { clientEventId: 'loc' }, noop, noop);
    const panic = q.push('panic_alert', { clientEventId: 'p' }, noop, noop);
    expect(q.urgentWaiting()).toEqual([panic]);
    expect(q.nextInOrder()!.payload.clientEventId).toBe('loc');
    panic.sending = true;
    expect(q.urgentWaiting()).toEqual([]);
  });

  it('holds a panic behind a shift_start queued before it (the shift decides its site), not behind other actions', () => {
    const q = new OfflineQueue();
    q.push('scan_checkpoint', { clientEventId: 'scan' }, noop, noop);
    const start = q.push('shift_start', { clientEventId: 'start' }, noop, noop);
    const panic = q.push('panic_alert', { clientEventId: 'p' }, noop, noop);
    expect(q.urgentWaiting()).toEqual([]);
    expect(q.nextInOrder()!.payload.clientEventId).toBe('scan');
    q.remove(q.nextInOrder()!);
    start.sending = true; // on the wire, not answered yet: still holds the panic
    expect(q.urgentWaiting()).toEqual([]);
    q.remove(start);
    expect(q.urgentWaiting()).toEqual([panic]);
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
    expect(q.urgentWaiting()[0].payload.clientEventId).toBe('p1');
  });

  it('when full, never drops the location update on the wire: answering it removes that one only', () => {
    const q = new OfflineQueue(3);
    const rejected: string[] = [];
    const reject = (id: string) => () => rejected.push(id);
    const inFlight = q.push('update_location', { clientEventId: 'l1' }, noop, reject('l1'));
    q.push('update_location', { clientEventId: 'l2' }, noop, reject('l2'));
    q.push('scan_checkpoint', { clientEventId: 's1' }, noop, reject('s1'));
    inFlight.sending = true;
    q.push('update_location', { clientEventId: 'l3' }, noop, reject('l3'));
    expect(rejected).toEqual(['l2']);
    q.remove(inFlight); // its ack came back
    expect(q.nextInOrder()!.payload.clientEventId).toBe('s1');
    expect(q.size).toBe(2);
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
