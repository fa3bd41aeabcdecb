import type { PanicStatus, PanicType } from '../domain/panic.js';
import type { PanicLocation } from './panic.entity.js';

export interface UserRef {
  id: string;
  name: string;
}

/** The panic as every client sees it (acks, events, REST, snapshots). */
export type PanicView = {
  id: string;
  siteId: string;
  type: PanicType;
  status: PanicStatus;
  guard: UserRef;
  location: PanicLocation;
  batteryLevel: number | null;
  message: string | null;
  patrolRunId: string | null;
  raisedAt: string;
  receivedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: UserRef | null;
  resolvedAt: string | null;
  resolvedBy: UserRef | null;
  notes: string | null;
  escalationLevel: number;
  confirmedBy: string[];
  /** Guards on shift nearby who were asked for backup, nearest first. */
  backupNotified: string[];
};

/** The view's SELECT over panic rows from `source` (the table, or a CTE of rows just written), as `p`. */
export const panicViewFrom = (source: string) => `SELECT p.*, g.name AS guard_name, a.name AS ack_name,
    r.name AS res_name
  FROM ${source} p JOIN users g ON g.id = p.guard_id
  LEFT JOIN users a ON a.id = p.acknowledged_by
  LEFT JOIN users r ON r.id = p.resolved_by`;

export const PANIC_VIEW_SQL = panicViewFrom('panics');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows, mapped field by field below
export type Row = Record<string, any>;
const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
const ref = (id: string | null, name: string | null): UserRef | null =>
  id ? { id, name: name ?? '' } : null;

export function toPanicView(r: Row): PanicView {
  return {
    id: r.id,
    siteId: r.site_id,
    type: r.type,
    status: r.status,
    guard: { id: r.guard_id, name: r.guard_name },
    location: r.location,
    batteryLevel: r.battery_level,
    message: r.message,
    patrolRunId: r.patrol_run_id,
    raisedAt: iso(r.raised_at)!,
    receivedAt: iso(r.received_at)!,
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: ref(r.acknowledged_by, r.ack_name),
    resolvedAt: iso(r.resolved_at),
    resolvedBy: ref(r.resolved_by, r.res_name),
    notes: r.notes,
    escalationLevel: Number(r.escalation_level),
    confirmedBy: r.confirmed_by ?? [],
    backupNotified: r.backup_notified ?? [],
  };
}
