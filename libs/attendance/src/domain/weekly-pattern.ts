/** A weekly pattern of planned shifts, in the site's local time. */
export interface WeeklyPattern {
  /** ISO weekdays: 1 Monday ... 7 Sunday. */
  weekdays: number[];
  /** Local start time, HH:MM (24 h). */
  startTime: string;
  durationMinutes: number;
  /** First local date, YYYY-MM-DD. */
  fromDate: string;
  weeks: number;
  /** IANA zone of the site, e.g. Europe/Berlin. */
  timeZone: string;
}

/** How far `timeZone` is ahead of UTC at the instant `ms` (ms), read from Intl. */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The UTC instant of a local wall time in a zone. Across a DST change the offset at the guess can
 * differ from the offset at the answer: the second pass settles it (a time skipped by the spring
 * change lands one hour later, as most calendars do).
 */
export function zonedToUtc(localMs: number, timeZone: string): number {
  const first = localMs - zoneOffsetMs(localMs, timeZone);
  const second = localMs - zoneOffsetMs(first, timeZone);
  return second === first ? first : Math.max(first, second);
}

/** Every shift the pattern plans, in time order, as UTC instants. */
export function weeklyOccurrences(p: WeeklyPattern): { startsAt: Date; endsAt: Date }[] {
  const [y, m, d] = p.fromDate.split('-').map(Number);
  const [hh, mm] = p.startTime.split(':').map(Number);
  const days = new Set(p.weekdays);
  const out: { startsAt: Date; endsAt: Date }[] = [];
  for (let i = 0; i < p.weeks * 7; i++) {
    const localMidnight = Date.UTC(y, m - 1, d + i);
    const isoWeekday = ((new Date(localMidnight).getUTCDay() + 6) % 7) + 1;
    if (!days.has(isoWeekday)) continue;
    const start = zonedToUtc(localMidnight + (hh * 60 + mm) * 60_000, p.timeZone);
    out.push({ startsAt: new Date(start), endsAt: new Date(start + p.durationMinutes * 60_000) });
  }
  return out;
}
