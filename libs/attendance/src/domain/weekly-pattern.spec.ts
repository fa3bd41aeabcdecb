import { weeklyOccurrences, zonedToUtc } from './weekly-pattern.js';

const iso = (xs: { startsAt: Date; endsAt: Date }[]) =>
  xs.map((x) => [x.startsAt.toISOString(), x.endsAt.toISOString()]);

describe('weeklyOccurrences', () => {
  it('plans the chosen weekdays at the local start time for the number of weeks', () => {
    const shifts = weeklyOccurrences({
      weekdays: [1, 3], // Monday, Wednesday
      startTime: '08:00',
      durationMinutes: 480,
      fromDate: '2026-12-07', // a Monday
      weeks: 2,
      timeZone: 'Europe/Berlin', // UTC+1 in winter
    });
    expect(iso(shifts)).toEqual([
      ['2026-12-07T07:00:00.000Z', '2026-12-07T15:00:00.000Z'],
      ['2026-12-09T07:00:00.000Z', '2026-12-09T15:00:00.000Z'],
      ['2026-12-14T07:00:00.000Z', '2026-12-14T15:00:00.000Z'],
      ['2026-12-16T07:00:00.000Z', '2026-12-16T15:00:00.000Z'],
    ]);
  });

  it('keeps the local time across a DST change and lets night shifts cross midnight', () => {
    const shifts = weeklyOccurrences({
      weekdays: [6, 7],
      startTime: '22:00',
      durationMinutes: 600,
      fromDate: '2027-03-27', // Saturday; Europe/Berlin moves to UTC+2 on Sunday 28 March
      weeks: 1,
      timeZone: 'Europe/Berlin',
    });
    expect(iso(shifts)).toEqual([
      ['2027-03-27T21:00:00.000Z', '2027-03-28T07:00:00.000Z'],
      ['2027-03-28T20:00:00.000Z', '2027-03-29T06:00:00.000Z'],
    ]);
  });

  it('reads UTC and a wall time skipped by the spring change', () => {
    expect(new Date(zonedToUtc(Date.UTC(2026, 0, 1, 9, 30), 'UTC')).toISOString()).toBe(
      '2026-01-01T09:30:00.000Z',
    );
    // 02:30 does not exist in Berlin on 28 March 2027: it lands at 03:30 local (01:30 UTC).
    expect(new Date(zonedToUtc(Date.UTC(2027, 2, 28, 2, 30), 'Europe/Berlin')).toISOString()).toBe(
      '2027-03-28T01:30:00.000Z',
    );
  });
});
