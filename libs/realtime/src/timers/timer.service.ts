import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { UnitOfWork } from '../streams/command-runner.js';

const SCHEDULE_SQL = `INSERT INTO timers (kind, ref, due_at, payload) VALUES ($1, $2, $3, $4)
  ON CONFLICT (kind, ref) DO UPDATE SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload`;
const CANCEL_SQL = 'DELETE FROM timers WHERE kind = $1 AND ref = $2';

export interface DueTimer<P = Record<string, unknown>> {
  id: string;
  kind: string;
  ref: string;
  dueAt: Date;
  payload: P;
}

/**
 * Deadlines as rows (panic escalation, patrol gaps, no-shows, stale guards...). Scheduling happens
 * in the caller's transaction, so a deadline exists exactly when the state that needs it commits.
 * One timer per (kind, ref): scheduling again moves it.
 */
@Injectable()
export class TimerService {
  async schedule(
    tx: EntityManager,
    kind: string,
    ref: string,
    dueAt: Date,
    payload: object = {},
  ): Promise<void> {
    await tx.query(SCHEDULE_SQL, [kind, ref, dueAt, JSON.stringify(payload)]);
  }

  async cancel(tx: EntityManager, kind: string, ref: string): Promise<void> {
    await tx.query(CANCEL_SQL, [kind, ref]);
  }

  /** schedule(), written by the command's final statement (hot paths: one round trip fewer). */
  scheduleDeferred(uow: UnitOfWork, kind: string, ref: string, dueAt: Date, payload: object = {}): void {
    uow.defer(SCHEDULE_SQL, [kind, ref, dueAt, JSON.stringify(payload)]);
  }

  /** cancel(), written by the command's final statement. */
  cancelDeferred(uow: UnitOfWork, kind: string, ref: string): void {
    uow.defer(CANCEL_SQL, [kind, ref]);
  }

  async cancelAll(tx: EntityManager, ref: string, kinds: string[]): Promise<void> {
    await tx.query('DELETE FROM timers WHERE ref = $1 AND kind = ANY($2)', [ref, kinds]);
  }
}
