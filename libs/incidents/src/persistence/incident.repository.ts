import { readPage, type Principal, type SqlFilter } from '#core';
import type { DataSource, EntityManager } from 'typeorm';
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
export type IncidentView = {
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
};

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

/** A reported incident as stored. */
export interface NewIncident {
  siteId: string;
  type: IncidentType;
  priority: IncidentPriority;
  title: string;
  description: string | null;
  location: IncidentLocation | null;
  reporterId: string;
  occurredAt: Date;
  receivedAt: Date;
}

/** Stores a new OPEN incident and returns its id. */
export async function insertIncident(tx: EntityManager, i: NewIncident): Promise<string> {
  const [{ id }] = (await tx.query(
    `INSERT INTO incidents (site_id, type, priority, status, title, description, location, reporter_id,
       occurred_at, received_at)
     VALUES ($1, $2, $3, 'OPEN', $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      i.siteId,
      i.type,
      i.priority,
      i.title,
      i.description,
      i.location && JSON.stringify(i.location),
      i.reporterId,
      i.occurredAt,
      i.receivedAt,
    ],
  )) as { id: string }[];
  return id;
}

/** The change of one command, stored with `updated_at = now()`. */
export type IncidentChange =
  | { kind: 'assign'; status: IncidentStatus; assigneeId: string }
  | { kind: 'edit'; status: IncidentStatus; priority: IncidentPriority }
  | { kind: 'resolve'; status: IncidentStatus; resolution: string | null; by: string }
  | { kind: 'close'; status: IncidentStatus; by: string };

const CHANGE_SQL: Record<IncidentChange['kind'], string> = {
  assign: 'UPDATE incidents SET assignee_id = $3, status = $2, updated_at = now() WHERE id = $1',
  edit: 'UPDATE incidents SET status = $2, priority = $3, updated_at = now() WHERE id = $1',
  resolve: `UPDATE incidents SET status = $2, resolution = $3, resolved_at = now(), resolved_by = $4,
       updated_at = now() WHERE id = $1`,
  close:
    'UPDATE incidents SET status = $2, closed_by = $3, closed_at = now(), updated_at = now() WHERE id = $1',
};

export async function saveIncidentChange(tx: EntityManager, id: string, c: IncidentChange): Promise<void> {
  const params =
    c.kind === 'assign'
      ? [c.assigneeId]
      : c.kind === 'edit'
        ? [c.priority]
        : c.kind === 'resolve'
          ? [c.resolution, c.by]
          : [c.by];
  await tx.query(CHANGE_SQL[c.kind], [id, c.status, ...params]);
}

/** A user who may be assigned an incident of the site: active; assigned to it (admins: every site). */
export async function assigneeCandidate(
  tx: EntityManager,
  userId: string,
  siteId: string,
): Promise<{ id: string; name: string; role: string; assigned: boolean } | undefined> {
  const [user] = (await tx.query(
    `SELECT u.id, u.name, u.role, EXISTS (SELECT 1 FROM site_assignments a WHERE a.user_id = u.id AND a.site_id = $2)
       AS assigned FROM users u WHERE u.id = $1 AND u.active`,
    [userId, siteId],
  )) as { id: string; name: string; role: string; assigned: boolean }[];
  return user;
}

/** Whether the site exists. */
export async function siteExists(tx: EntityManager, siteId: string): Promise<boolean> {
  const rows = (await tx.query('SELECT id FROM sites WHERE id = $1', [siteId])) as unknown[];
  return rows.length > 0;
}

/** The site's unresolved incidents, newest first, at most 500 (the join_site snapshot). */
export async function openIncidentsAt(
  db: EntityManager | DataSource,
  siteId: string,
): Promise<IncidentView[]> {
  const rows = (await db.query(
    `${INCIDENT_VIEW_SQL} WHERE i.site_id = $1 AND i.status IN ('OPEN','ASSIGNED','IN_PROGRESS')
      ORDER BY i.occurred_at DESC LIMIT 500`,
    [siteId],
  )) as Row[];
  return rows.map(toIncidentView);
}

/** One page of the incidents matching the filters (over `i`), newest first. */
export async function listIncidents(
  db: EntityManager | DataSource,
  filters: SqlFilter[],
  limit: number,
  offset: number,
): Promise<{ items: IncidentView[]; total: number }> {
  const page = { select: INCIDENT_VIEW_SQL, from: 'incidents i', orderBy: 'i.occurred_at DESC, i.id' };
  const { rows, total } = await readPage<Row>(db, { ...page, filters, limit, offset });
  return { items: rows.map(toIncidentView), total };
}
