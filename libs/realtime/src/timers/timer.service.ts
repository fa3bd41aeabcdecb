import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { UnitOfWork } from '../streams/command-runner.js';

const SCHEDULE_SQL = `INSERT INTO timers (kind, ref, due_at, payload) VALUES ($1, $2, $3, $4)
  ON CONFLICT (kind, ref) DO UPDATE SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload`;
/** SCHEDULE_SQL, except that a timer already armed for a later time keeps it. */
const SCHEDULE_LATER_SQL = `${SCHEDULE_SQL} WHERE timers.due_at < EXCLUDED.due_at`;
const CANCEL_SQL = 'DELETE FROM timers WHERE kind = $1 AND ref = $2';
const INSERT_SQL = 'INSERT INTO timers (kind, ref, due_at, payload)';
const ON_CONFLICT = {
  move: 'ON CONFLICT (kind, ref) DO UPDATE SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload',
  keep: 'ON CONFLICT (kind, ref) DO NOTHING',
} as const;
const MANY_SELECT = `SELECT $1, t.ref, t.due_at, coalesce(t.payload, '{}')
  FROM json_to_recordset($2::json) AS t(ref text, due_at timestamptz, payload jsonb)`;

type Queryable = Pick<EntityManager, 'query'>;

/** One timer of a bulk schedule. */
export interface TimerRow {
  ref: string;
  dueAt: Date;
  payload?: object;
}

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
  /**
   * A boolean SQL expression: a timer of `kind` (a parameter, e.g. '$2') for `ref` (a text
   * expression) is armed. For reads of other tables that report whether a deadline is pending.
   */
  static armedSql(kind: string, ref: string): string {
    return `EXISTS (SELECT 1 FROM timers t WHERE t.kind = ${kind} AND t.ref = ${ref})`;
  }

  /**
   * Arms the timer, or moves the one armed. `onlyLater`: a deadline that only moves forward, for
   * deadlines written from several places that may land out of order (a clock-in's arming, run
   * after commit, can reach the table after a later location fix pushed the deadline further).
   */
  async schedule(
    tx: EntityManager,
    kind: string,
    ref: string,
    dueAt: Date,
    payload: object = {},
    { onlyLater = false } = {},
  ): Promise<void> {
    const sql = onlyLater ? SCHEDULE_LATER_SQL : SCHEDULE_SQL;
    await tx.query(sql, [kind, ref, dueAt, JSON.stringify(payload)]);
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

  /**
   * A statement, built once, that schedules one timer per row of `select` (columns in order: kind,
   * ref, due_at, payload): bulk arming whose rows come from SQL, with no object per row in node.
   * `existing`: 'move' reschedules a timer already armed, 'keep' leaves it.
   */
  scheduleFromSelect(
    select: string,
    existing: keyof typeof ON_CONFLICT,
  ): (db: Queryable, params: unknown[]) => Promise<void> {
    const sql = `${INSERT_SQL}\n       ${select}\n       ${ON_CONFLICT[existing]}`;
    return async (db, params) => void (await db.query(sql, params));
  }

  /** Schedules many timers of one kind in one statement; `existing` as in scheduleFromSelect. */
  async scheduleMany(
    db: Queryable,
    kind: string,
    timers: TimerRow[],
    existing: keyof typeof ON_CONFLICT,
  ): Promise<void> {
    if (!timers.length) return;
    await this.many[existing](db, [
      kind,
      JSON.stringify(timers.map((t) => ({ ref: t.ref, due_at: t.dueAt, payload: t.payload }))),
    ]);
  }

  private readonly many = {
    move: this.scheduleFromSelect(MANY_SELECT, 'move'),
    keep: this.scheduleFromSelect(MANY_SELECT, 'keep'),
  };

  /** Schedules the timer `inMs` from the database's now unless one is armed (kept as it is). */
  async scheduleIfAbsent(db: Queryable, kind: string, ref: string, inMs: number): Promise<void> {
    await db.query(
      `${INSERT_SQL} VALUES ($1, $2, now() + $3 * interval '1 millisecond', '{}') ${ON_CONFLICT.keep}`,
      [kind, ref, inMs],
    );
  }

  async cancelAll(tx: EntityManager, ref: string, kinds: string[]): Promise<void> {
    await tx.query('DELETE FROM timers WHERE ref = $1 AND kind = ANY($2)', [ref, kinds]);
  }
}
