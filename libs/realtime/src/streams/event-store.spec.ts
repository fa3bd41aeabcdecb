import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR, type NewEvent } from '../contract/envelope.js';
import { EventStore } from './event-store.js';

// The statement builder only: the statement itself runs against PostgreSQL in test/realtime.
const store = new EventStore(undefined as unknown as DataSource);
/** The builder does not read `data`: a stand-in serves for any event's. */
const anyData = (x: unknown) => x as NewEvent['data'];

describe('EventStore statement builder', () => {
  it('dedupes and sorts streams so every transaction locks heads in one order', () => {
    const p = store.pending(SYSTEM_ACTOR, {
      type: 'panic_alert',
      siteId: null,
      streams: ['user:b', 'site:a', 'user:b'],
      data: anyData({}),
    });
    expect(p.event.streams).toEqual(['site:a', 'user:b']);
  });

  it('numbers deferred writes after its own parameters and keeps their order', () => {
    const [sql, params] = store.appendStatement([], null, [
      { sql: 'INSERT INTO a (x, y) VALUES ($1, $2)', params: ['x', 'y'] },
      { sql: 'UPDATE b SET z = $1 WHERE id = $2', params: ['z', 'id'] },
    ]);
    expect(sql).toMatch(
      /^WITH w0 AS \(INSERT INTO a \(x, y\) VALUES \(\$5, \$6\)\), w1 AS \(UPDATE b SET z = \$7 WHERE id = \$8\), ev AS/,
    );
    expect(params.slice(4)).toEqual(['x', 'y', 'z', 'id']);
    expect(params.slice(1, 4)).toEqual([null, null, null]);
  });

  it('stores the idempotent result in the same statement', () => {
    const [, params] = store.appendStatement([], { userId: 'u', clientEventId: 'c', result: { ok: 1 } });
    expect(params.slice(1, 4)).toEqual(['{"ok":1}', 'u', 'c']);
  });

  it('maps returned seqs back to one envelope per stream, in append order', () => {
    const a = store.pending(SYSTEM_ACTOR, {
      type: 'incident_created',
      siteId: null,
      streams: ['s1', 's2'],
      data: anyData(1),
    });
    const b = store.pending(SYSTEM_ACTOR, {
      type: 'incident_updated',
      siteId: null,
      streams: ['s1'],
      data: anyData(2),
    });
    const envs = store.envelopes(
      [a, b],
      [
        { stream: 's1', seq: '8', event_id: b.id },
        { stream: 's2', seq: '3', event_id: a.id },
        { stream: 's1', seq: '7', event_id: a.id },
      ],
    );
    expect(envs.map((e) => [e.type, e.stream, e.seq])).toEqual([
      ['incident_created', 's1', 7],
      ['incident_created', 's2', 3],
      ['incident_updated', 's1', 8],
    ]);
  });
});
