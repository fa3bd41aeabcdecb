import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Columns no query filters, joins or sorts on carry no planner statistics (the migrations
 * EventLogStatistics and LocationHistoryStatistics): ANALYZE of the two busiest tables costs half.
 */
describe('planner statistics of the busiest tables', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const targets = async (table: string) => {
    const rows = (await t.db.query(
      `SELECT attname, attstattarget FROM pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
      [table],
    )) as { attname: string; attstattarget: number | null }[];
    // -1 (or null since PostgreSQL 17) is the default target; 0 collects nothing.
    return Object.fromEntries(rows.map((r) => [r.attname, r.attstattarget === 0 ? 'none' : 'default']));
  };

  it('keeps statistics for what queries use and none for the payload', async () => {
    expect(await targets('stream_events')).toEqual({
      stream: 'default',
      seq: 'default',
      event_id: 'default',
      type: 'default',
      site_id: 'default',
      actor: 'none',
      data: 'none',
      occurred_at: 'none',
      recorded_at: 'default',
    });
    expect(await targets('location_history')).toEqual({
      id: 'default',
      guard_id: 'default',
      site_id: 'default',
      shift_id: 'default',
      lat: 'none',
      lng: 'none',
      accuracy: 'none',
      heading: 'none',
      speed: 'none',
      battery_level: 'none',
      recorded_at: 'default',
      received_at: 'none',
      client_event_id: 'default',
    });
  });

  it('ANALYZE then collects none for those columns', async () => {
    await t.db.query(
      `INSERT INTO location_history (guard_id, site_id, lat, lng, recorded_at, received_at)
       SELECT gen_random_uuid(), gen_random_uuid(), 1, 2, now(), now() FROM generate_series(1, 50)`,
    );
    await t.db.query('ANALYZE location_history');
    const rows = (await t.db.query(
      `SELECT attname FROM pg_stats WHERE tablename = 'location_history' ORDER BY attname`,
    )) as { attname: string }[];
    expect(rows.map((r) => r.attname)).toEqual([
      'client_event_id',
      'guard_id',
      'id',
      'recorded_at',
      'shift_id',
      'site_id',
    ]);
  });
});
