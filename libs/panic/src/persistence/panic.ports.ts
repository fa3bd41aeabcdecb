import { countsBySite } from '#core';
import { TimerService } from '#realtime';
import type { EntityManager } from 'typeorm';
import { ACTIVE_PANIC_STATUSES } from '../domain/panic.js';
import { PANIC_RECEIPT_TIMER } from '../escalation/panic-escalation.service.js';
import { findPanicView } from './panic.repository.js';
import type { PanicView } from './panic.view.js';

type Queryable = Pick<EntityManager, 'query'>;

const RECEIPTS_SQL = `SELECT p.status, p.confirmed_by,
        ${TimerService.armedSql('$2', 'p.id::text')} AS pending
       FROM panics p WHERE p.id = $1`;

export interface PanicReceipts {
  status: PanicView['status'];
  /** The receipt window is still open (or its result not written yet): confirmedBy is not final. */
  pending: boolean;
  confirmedBy: string[];
}

/**
 * What other features may read of panics (they never read the table). Receipts: who confirmed the
 * alert on a live socket, and whether that is known yet (the receipt backstop timer is still armed).
 */
export async function panicReceiptsOf(db: Queryable, panicId: string): Promise<PanicReceipts | null> {
  const [row] = (await db.query(RECEIPTS_SQL, [panicId, PANIC_RECEIPT_TIMER])) as {
    status: PanicView['status'];
    confirmed_by: string[];
    pending: boolean;
  }[];
  return row ? { status: row.status, pending: row.pending, confirmedBy: row.confirmed_by ?? [] } : null;
}

/** Stores the guards asked for backup (nearest first) and returns the panic as clients see it. */
export async function recordBackupNotified(
  tx: EntityManager,
  panicId: string,
  guardIds: string[],
): Promise<PanicView | null> {
  await tx.query('UPDATE panics SET backup_notified = $2, updated_at = now() WHERE id = $1', [
    panicId,
    JSON.stringify(guardIds),
  ]);
  return findPanicView(tx, panicId);
}

/** Every active panic by its guard: what stepped-up tracking watches. */
export async function activePanicsByGuard(db: Queryable): Promise<{ guardId: string; panicId: string }[]> {
  return (await db.query(
    `SELECT guard_id AS "guardId", id AS "panicId" FROM panics WHERE status IN ('RAISED','ACKNOWLEDGED')`,
  )) as { guardId: string; panicId: string }[];
}

/** Active panics (raised or acknowledged) per site. */
export function activePanicCountBySite(db: Queryable): Promise<Map<string, number>> {
  return countsBySite(
    db,
    'SELECT site_id, count(*)::int AS n FROM panics WHERE status = ANY($1::text[]) GROUP BY site_id',
    [ACTIVE_PANIC_STATUSES],
  );
}
