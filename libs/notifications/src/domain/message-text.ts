import type { DurableEventName } from '#contract';

/** A short human line for an event, for email subjects and push notifications: pure, no I/O. */
export interface MessageText {
  title: string;
  body: string;
}

interface Data {
  panic?: { type?: string; guard?: { name?: string }; escalationLevel?: number };
  level?: number;
  reason?: string;
  guardsOnShift?: number;
  userId?: string;
  scheduledShift?: { guardName?: string; startsAt?: string };
  distanceM?: number;
}

export function messageText(type: string, data: unknown): MessageText {
  const d = (data ?? {}) as Data;
  const guard = d.panic?.guard?.name ?? 'a guard';
  const kind = d.panic?.type ?? 'PANIC';
  // A name the contract lacks would not compile as a case.
  switch (type as DurableEventName) {
    case 'panic_alert':
      return { title: `${kind} alert`, body: `${guard} raised a ${kind} alert` };
    case 'panic_escalated':
      return {
        title: `${kind} alert escalated to level ${d.level ?? d.panic?.escalationLevel ?? '?'}`,
        body: `${guard}'s alert is not acknowledged (${d.reason ?? 'deadline'})`,
      };
    case 'panic_acknowledged':
      return { title: `${kind} alert acknowledged`, body: `${guard}'s alert was acknowledged` };
    case 'panic_resolved':
      return { title: `${kind} alert resolved`, body: `${guard}'s alert was resolved` };
    case 'site_unwatched':
      return {
        title: 'Site unwatched',
        body: `${d.guardsOnShift ?? 'Some'} guard(s) on shift, no staff connected`,
      };
    case 'guard_stale':
      return {
        title: 'Guard not reporting',
        body: `A guard on shift has not been seen (${d.reason ?? 'stale'})`,
      };
    case 'backup_requested':
      return {
        title: 'Backup requested',
        body: `${guard} raised a ${kind} alert ${d.distanceM ?? '?'} m from you`,
      };
    case 'shift_missed':
      return { title: 'Shift missed', body: 'A scheduled shift started without a clock-in' };
    default:
      return { title: type, body: type };
  }
}
