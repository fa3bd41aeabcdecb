import { attendanceReport, type ActualShift, type PlannedShift } from './attendance-report.js';

const t = (hhmm: string) => new Date(`2026-11-20T${hhmm}:00.000Z`);
const plan = (id: string, from: string, to: string): PlannedShift => ({
  id,
  guardId: 'g',
  siteId: 's',
  startsAt: t(from),
  endsAt: t(to),
});
const actual = (id: string, sched: string | null, from: string, to: string | null): ActualShift => ({
  id,
  guardId: 'g',
  siteId: 's',
  scheduledShiftId: sched,
  startedAt: t(from),
  endedAt: to ? t(to) : null,
});
const GRACE = 15 * 60_000;

describe('attendance report', () => {
  it('reports late minutes and early leave against the plan', () => {
    const r = attendanceReport(
      [plan('p1', '08:00', '16:00')],
      [actual('a1', 'p1', '08:12', '15:30')],
      t('20:00'),
      GRACE,
    );
    expect(r.items[0]).toMatchObject({
      status: 'COMPLETED',
      late: true,
      lateMinutes: 12,
      earlyLeave: true,
      earlyLeaveMinutes: 30,
      noShow: false,
      workedMinutes: 438,
      shiftIds: ['a1'],
    });
  });
  it('an early clock-in and a late clock-out are neither late nor early leave', () => {
    const [line] = attendanceReport(
      [plan('p1', '08:00', '16:00')],
      [actual('a1', 'p1', '07:50', '16:05')],
      t('20:00'),
      GRACE,
    ).items;
    expect(line).toMatchObject({ late: false, lateMinutes: 0, earlyLeave: false, earlyLeaveMinutes: 0 });
  });
  it('spans several clock-ins from the first start to the last end', () => {
    const [line] = attendanceReport(
      [plan('p1', '08:00', '16:00')],
      [actual('a2', 'p1', '12:30', '16:00'), actual('a1', 'p1', '08:00', '12:00')],
      t('20:00'),
      GRACE,
    ).items;
    expect(line).toMatchObject({
      actualStart: t('08:00').toISOString(),
      actualEnd: t('16:00').toISOString(),
      workedMinutes: 450,
    });
  });
  it('no-show only after the grace period; upcoming before the start; on shift while open', () => {
    const plans = [plan('p1', '08:00', '16:00')];
    expect(attendanceReport(plans, [], t('07:00'), GRACE).items[0].status).toBe('UPCOMING');
    expect(attendanceReport(plans, [], t('08:10'), GRACE).items[0]).toMatchObject({
      status: 'AWAITING_CLOCK_IN',
      noShow: false,
    });
    expect(attendanceReport(plans, [], t('08:16'), GRACE).items[0]).toMatchObject({
      status: 'NO_SHOW',
      noShow: true,
    });
    const open = attendanceReport(plans, [actual('a1', 'p1', '08:00', null)], t('10:00'), GRACE).items[0];
    expect(open).toMatchObject({
      status: 'ON_SHIFT',
      actualEnd: null,
      earlyLeave: false,
      workedMinutes: 120,
    });
  });
  it('lists clock-ins without a planned shift separately', () => {
    const r = attendanceReport([], [actual('a9', null, '09:00', '10:00')], t('20:00'), GRACE);
    expect(r.unscheduled).toEqual([
      {
        shiftId: 'a9',
        guardId: 'g',
        actualStart: t('09:00').toISOString(),
        actualEnd: t('10:00').toISOString(),
        workedMinutes: 60,
      },
    ]);
  });
});
