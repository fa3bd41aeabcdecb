import { readPage, type SqlFilter } from '#core';
import type { UnitOfWork } from '#realtime';
import type { EntityManager } from 'typeorm';
import type { PanicStatus } from '../domain/panic.js';
import { PanicEntity } from './panic.entity.js';
import { panicViewFrom, PANIC_VIEW_SQL, toPanicView, type PanicView, type Row } from './panic.view.js';

type Queryable = Pick<EntityManager, 'query'>;

/** Inserts the panic unless the guard has an active one, and returns its view in the same statement. */
const RAISE_SQL = `WITH raised AS (
    INSERT INTO panics (site_id, guard_id, type, status, location, battery_level, message,
      patrol_run_id, raised_at, received_at)
    VALUES ($1, $2, $3, 'RAISED', $4, $5, $6, $7, $8, $9)
    ON CONFLICT (guard_id) WHERE status IN ('RAISED','ACKNOWLEDGED') DO NOTHING RETURNING *
  )
  ${panicViewFrom('raised')}`;

/** A new panic in RAISE_SQL's order (a labelled tuple: the raise builds no other object). */
export type NewPanicRow = [
  siteId: string,
  guardId: string,
  type: string,
  /** JSON text of the location. */
  location: string,
  batteryLevel: number | null,
  message: string | null,
  patrolRunId: string | null,
  raisedAt: Date,
  receivedAt: Date,
];

/** Reads panics as views; `lock` takes the row for the rest of the transaction. */
export async function findPanicView(tx: EntityManager, id: string): Promise<PanicView | null> {
  const [row] = (await tx.query(`${PANIC_VIEW_SQL} WHERE p.id = $1`, [id])) as Row[];
  return row ? toPanicView(row) : null;
}

export async function lockPanic(tx: EntityManager, id: string): Promise<PanicView | null> {
  const [row] = (await tx.query('SELECT id FROM panics WHERE id = $1 FOR UPDATE', [id])) as Row[];
  return row ? findPanicView(tx, id) : null;
}

/** Stores a raised panic and returns its view, or null when the guard already has an active one. */
export async function insertRaised(uow: UnitOfWork, row: NewPanicRow): Promise<PanicView | null> {
  const [inserted] = await uow.prepared(RAISE_SQL, row);
  return inserted ? toPanicView(inserted) : null;
}

/** Moves the guard's active panic to the newest location; its id, or undefined when none is active. */
export async function moveActivePanic(
  tx: EntityManager,
  guardId: string,
  location: string,
): Promise<string | undefined> {
  const active = (await tx.query(
    `UPDATE panics SET location = $2, updated_at = now()
      WHERE guard_id = $1 AND status IN ('RAISED','ACKNOWLEDGED') RETURNING id`,
    [guardId, location],
  )) as [{ id: string }[], number];
  return active[0][0]?.id;
}

/** Stores a state change of a staff member (acknowledged or resolved). */
export async function saveStatus(
  tx: EntityManager,
  id: string,
  change:
    | { status: PanicStatus; acknowledgedAt: Date; acknowledgedBy: string; updatedAt: Date }
    | { status: PanicStatus; resolvedAt: Date; resolvedBy: string; notes: string | null; updatedAt: Date },
): Promise<void> {
  await tx.getRepository(PanicEntity).update(id, change);
}

/** Stores who confirmed the alert on a live socket. */
export async function saveConfirmedBy(tx: EntityManager, id: string, confirmedBy: string[]): Promise<void> {
  await tx.query('UPDATE panics SET confirmed_by = $2, updated_at = now() WHERE id = $1', [
    id,
    JSON.stringify(confirmedBy),
  ]);
}

/** The site's active panics, newest first (the join_site snapshot). */
export async function activePanicsAt(db: Queryable, siteId: string): Promise<PanicView[]> {
  const rows = (await db.query(
    `${PANIC_VIEW_SQL} WHERE p.site_id = $1 AND p.status IN ('RAISED','ACKNOWLEDGED') ORDER BY p.raised_at DESC`,
    [siteId],
  )) as Row[];
  return rows.map(toPanicView);
}

/** One page of the panics matching the filters (over `p`), newest first. */
export async function listPanics(
  db: Queryable,
  filters: SqlFilter[],
  limit: number,
  offset: number,
): Promise<{ items: PanicView[]; total: number }> {
  const page = { select: PANIC_VIEW_SQL, from: 'panics p', orderBy: 'p.raised_at DESC, p.id' };
  const { rows, total } = await readPage<Row>(db, { ...page, filters, limit, offset });
  return { items: rows.map(toPanicView), total };
}
