import { MissedEvents } from './missed-events.js';

describe('missed events', () => {
  it('counts by type what arrives between a disconnect and the next ready, once', () => {
    const m = new MissedEvents();
    m.seen('panic_alert');
    expect(m.caughtUp()).toBeNull();
    m.disconnected();
    m.seen('panic_alert');
    m.disconnected();
    m.seen('incident_created');
    m.seen('panic_alert');
    expect(m.caughtUp(new Date('2026-01-01T00:00:00Z'))).toEqual({
      at: '2026-01-01T00:00:00.000Z',
      total: 3,
      byType: { panic_alert: 2, incident_created: 1 },
    });
    m.seen('panic_alert');
    expect(m.caughtUp()).toBeNull();
    m.disconnected();
    expect(m.caughtUp()).toMatchObject({ total: 0, byType: {} });
  });
});
