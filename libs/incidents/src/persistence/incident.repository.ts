import type { Principal } from '#core';
import type { EntityManager } from 'typeorm';
import type { IncidentPriority, IncidentStatus, IncidentType } from '../domain/incident.js';
import type { IncidentLocation } from './incident.entity.js';

export interface UserRef {
  id: string;
  name: string;
}

export interface IncidentHistoryEntry {
  at: string;
  actor: UserRef | null;
  action: string;
  changes: Record<string, unknown>;
  note: string | null;
}

/** The incident as every client sees it; `history` is included for single reads and acks. */
export interface IncidentView {
  id: string;
  siteId: string;
  type: IncidentType;
  priority: IncidentPriority;
  status: IncidentStatus;
  title: string;
  description: string | null;
  location: IncidentLocation | null;
  reporter: UserRef;
  assignee: UserRef | null;
  resolution: string | null;
  occurredAt: string;
  receivedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  resolvedBy: UserRef | null;
  closedAt: string | null;
  closedBy: UserRef | null;
  history?: IncidentHistoryEntry[];
}

export const INCIDENT_VIEW_SQL = `SELECT i.*, rep.name AS reporter_name, asg.name AS assignee_name,
    res.name AS resolved_by_name, clo.name AS closed_by_name
  FROM incidents i JOIN users rep ON rep.id = i.reporter_id
  LEFT JOIN users asg ON asg.id = i.assignee_id
  LEFT JOIN users res ON res.id = i.resolved_by
  LEFT JOIN users clo ON clo.id = i.closed_by`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows, mapped field by field below
type Row = Record<string, any>;
const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
const ref = (id: string | null, name: string | null): UserRef | null =>
  id ? { id, name: name ?? '' } : null;

export function toIncidentView(r: Row): IncidentView {
  return {
    id: r.id,
    siteId: r.site_id,
    type: r.type,
    priority: r.priority,
    status: r.status,
    title: r.title,
    description: r.description,
    location: r.location,
    reporter: { id: r.reporter_id, name: r.reporter_name },
    assignee: ref(r.assignee_id, r.assignee_name),
    resolution: r.resolution,
    occurredAt: iso(r.occurred_at)!,
    receivedAt: iso(r.received_at)!,
    updatedAt: iso(r.updated_at)!,
    resolvedAt: iso(r.resolved_at),
    resolvedBy: ref(r.resolved_by, r.resolved_by_name),
    closedAt: iso(r.closed_at),
    closedBy: ref(r.closed_by, r.closed_by_name),
  };
}

/** One incident with its history, optionally locking the row for the transaction. */
export async function findIncident(
  tx: EntityManager,
  id: string,
  lock = false,
): Promise<IncidentView | null> {
  if (lock) {
    const locked = (await tx.query('SELECT id FROM incidents WHERE id = $1 FOR UPDATE', [id])) as Row[];
    if (!locked.length) return null;
  }
  const [row] = (await tx.query(`${INCIDENT_VIEW_SQL} WHERE i.id = $1`, [id])) as Row[];
  if (!row) return null;
  const history = (await tx.query(
    `SELECT at, actor_id, actor_name, action, changes, note FROM incident_history
      WHERE incident_id = $1 ORDER BY id`,
    [id],
  )) as Row[];
  return {
    ...toIncidentView(row),
    history: history.map((h) => ({
      at: iso(h.at)!,
      actor: ref(h.actor_id, h.actor_name),
      action: h.action,
      changes: h.changes,
      note: h.note,
    })),
  };
}

/** Appends a history entry (who, what, when). */
export async function recordHistory(
  tx: EntityManager,
  incidentId: string,
  me: Principal,
  action: string,
  changes: Record<string, unknown> = {},
  note: string | null = null,
): Promise<void> {
  await tx.query(
    `INSERT INTO incident_history (incident_id, actor_id, actor_name, action, changes, note)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [incidentId, me.userId, me.name, action, JSON.stringify(changes), note],
  );
}
