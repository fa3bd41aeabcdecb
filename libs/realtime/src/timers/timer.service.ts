import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

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
    await tx.query(
      `INSERT INTO timers (kind, ref, due_at, payload) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, ref) DO UPDATE SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload`,
      [kind, ref, dueAt, JSON.stringify(payload)],
    );
  }

  async cancel(tx: EntityManager, kind: string, ref: string): Promise<void> {
    await tx.query('DELETE FROM timers WHERE kind = $1 AND ref = $2', [kind, ref]);
  }

  async cancelAll(tx: EntityManager, ref: string, kinds: string[]): Promise<void> {
    await tx.query('DELETE FROM timers WHERE ref = $1 AND kind = ANY($2)', [ref, kinds]);
  }
}
