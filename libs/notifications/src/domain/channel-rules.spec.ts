import { channelTakes, eventLevel, type ChannelRule } from './channel-rules.js';

const rule = (over: Partial<ChannelRule> = {}): ChannelRule => ({
  kind: 'webhook',
  siteIds: null,
  events: ['panic_alert', 'panic_escalated', 'guard_stale'],
  minLevel: 1,
  ...over,
});

describe('channelTakes', () => {
  it('takes subscribed types on any site when siteIds is null', () => {
    expect(channelTakes(rule(), { type: 'guard_stale', siteId: 's1' })).toBe(true);
    expect(channelTakes(rule(), { type: 'shift_missed', siteId: 's1' })).toBe(false);
  });

  it('keeps to its sites', () => {
    const r = rule({ siteIds: ['s1'] });
    expect(channelTakes(r, { type: 'guard_stale', siteId: 's1' })).toBe(true);
    expect(channelTakes(r, { type: 'guard_stale', siteId: 's2' })).toBe(false);
    expect(channelTakes(r, { type: 'guard_stale', siteId: null })).toBe(false);
  });

  it('skips panic levels below its minimum', () => {
    const r = rule({ minLevel: 2 });
    expect(channelTakes(r, { type: 'panic_alert', siteId: 's1', level: 1 })).toBe(false);
    expect(channelTakes(r, { type: 'panic_escalated', siteId: 's1', level: 2 })).toBe(true);
    expect(channelTakes(r, { type: 'guard_stale', siteId: 's1' })).toBe(true);
  });
});

describe('eventLevel', () => {
  it('reads the level of panic events', () => {
    expect(eventLevel('panic_alert', { panic: {} })).toBe(1);
    expect(eventLevel('panic_escalated', { level: 3, panic: { escalationLevel: 3 } })).toBe(3);
    expect(eventLevel('panic_resolved', { panic: { escalationLevel: 2 } })).toBe(2);
    expect(eventLevel('guard_stale', { userId: 'u' })).toBeUndefined();
  });
});
