/** Inputs of the report: plain times so the computation stays pure. */
export interface PlannedShift {
  id: string;
  guardId: string;
  siteId: string;
  startsAt: Date;
  endsAt: Date;
}
export interface ActualShift {
  id: string;
  guardId: string;
  siteId: string;
  scheduledShiftId: string | null;
  startedAt: Date;
  endedAt: Date | null;
}

export type AttendanceStatus = 'UPCOMING' | 'AWAITING_CLOCK_IN' | 'NO_SHOW' | 'ON_SHIFT' | 'COMPLETED';

export interface AttendanceLine {
  scheduledShiftId: string;
  guardId: string;
  scheduledStart: string;
  scheduledEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  shiftIds: string[];
  status: AttendanceStatus;
  late: boolean;
  lateMinutes: number;
  earlyLeave: boolean;
  earlyLeaveMinutes: number;
  noShow: boolean;
  workedMinutes: number;
}

const minutes = (ms: number): number => Math.max(0, Math.round(ms / 60_000));
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * One line per planned shift: scheduled vs actual (the clock-ins linked to it), minutes late after
 * the planned start, minutes left before the planned end, no-show once the grace period passed
 * without any clock-in. Several clock-ins (a break) count from the first start to the last end.
 */
export function attendanceLine(plan: PlannedShift, actuals: ActualShift[], now: Date, graceMs: number) {
  const mine = actuals
    .filter((a) => a.scheduledShiftId === plan.id)
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  const first = mine[0];
  const last = mine[mine.length - 1];
  const ongoing = mine.some((a) => !a.endedAt);
  const actualEnd = !last || ongoing ? null : last.endedAt;
  const lateMinutes = first ? minutes(first.startedAt.getTime() - plan.startsAt.getTime()) : 0;
  const earlyLeaveMinutes = actualEnd ? minutes(plan.endsAt.getTime() - actualEnd.getTime()) : 0;
  const worked = mine.reduce((sum, a) => sum + ((a.endedAt ?? now).getTime() - a.startedAt.getTime()), 0);
  let status: AttendanceStatus;
  if (first) status = ongoing ? 'ON_SHIFT' : 'COMPLETED';
  else if (now.getTime() < plan.startsAt.getTime()) status = 'UPCOMING';
  else if (now.getTime() < plan.startsAt.getTime() + graceMs) status = 'AWAITING_CLOCK_IN';
  else status = 'NO_SHOW';
  const line: AttendanceLine = {
    scheduledShiftId: plan.id,
    guardId: plan.guardId,
    scheduledStart: plan.startsAt.toISOString(),
    scheduledEnd: plan.endsAt.toISOString(),
    actualStart: iso(first?.startedAt ?? null),
    actualEnd: iso(actualEnd),
    shiftIds: mine.map((a) => a.id),
    status,
    late: lateMinutes > 0,
    lateMinutes,
    earlyLeave: earlyLeaveMinutes > 0,
    earlyLeaveMinutes,
    noShow: status === 'NO_SHOW',
    workedMinutes: minutes(worked),
  };
  return line;
}

/** The whole report: planned lines, plus clock-ins that belong to no planned shift. */
export function attendanceReport(plans: PlannedShift[], actuals: ActualShift[], now: Date, graceMs: number) {
  const planned = new Set(plans.map((p) => p.id));
  return {
    items: plans.map((p) => attendanceLine(p, actuals, now, graceMs)),
    unscheduled: actuals
      .filter((a) => !a.scheduledShiftId || !planned.has(a.scheduledShiftId))
      .map((a) => ({
        shiftId: a.id,
        guardId: a.guardId,
        actualStart: a.startedAt.toISOString(),
        actualEnd: iso(a.endedAt),
        workedMinutes: minutes((a.endedAt ?? now).getTime() - a.startedAt.getTime()),
      })),
  };
}
