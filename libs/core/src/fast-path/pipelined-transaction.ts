import type { PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import type { QueryRunner } from 'typeorm';
import { TransactionAbortedError } from '../database/transaction-aborted.error.js';
import { inOneWrite } from './pg-one-write.js';
import { releaseBrokenConnection, setTransactionState } from './typeorm-transaction-state.js';

/**
 * Fast path (docs/fast-path.md, "pipelined transaction"); FAST_PATH=off runs TypeORM's own
 * transaction instead (PlainTransaction in #realtime). One command's transaction on a pooled connection, with BEGIN sent together with the command's
 * first statement and COMMIT together with its last (the pool runs node-postgres in pipeline
 * mode, so queries issued without waiting share one round trip; PostgreSQL still runs them in
 * order). A command saves two round trips (a scan, with its prefetch, is 2 instead of 5): on a
 * busy node every round trip also waits for a turn of the event loop, which is where durable
 * commands spent their time.
 *
 * An error in a pipelined statement aborts the transaction, so the COMMIT behind it answers
 * ROLLBACK and nothing is stored; that answer is checked, never taken for a commit.
 *
 * TypeORM is told about the transaction the way its own startTransaction would tell it
 * (setTransactionState), so a repository used inside the work does not open and commit one of its own.
 */
export class PipelinedTransaction {
  private open = false;
  /** The connection must not go back to the pool (see commit). */
  private broken = false;

  constructor(
    private readonly qr: QueryRunner,
    private readonly client: PoolClient,
  ) {}

  /** BEGIN, then `opening` in the same round trip; the rows of each opening statement. */
  async begin(opening: readonly QueryConfig[]): Promise<QueryResultRow[][]> {
    this.setOpen(true); // before the answer: a failure below still ends with ROLLBACK
    const answers = await settleAll(
      inOneWrite(this.client, () => [
        this.client.query('BEGIN'),
        ...opening.map((q) => this.client.query(q)),
      ]),
    );
    return answers.slice(1).map((r) => r.rows);
  }

  /**
   * `last` (if any) and COMMIT in one round trip; `last`'s rows. `onLastAnswered` runs when its
   * answer arrives (before COMMIT's), to time the two apart.
   */
  async commit<T extends QueryResultRow>(
    last: QueryConfig | null,
    onLastAnswered?: () => void,
  ): Promise<T[] | null> {
    const sent = inOneWrite(this.client, () => {
      const final: Promise<QueryResult>[] = [];
      if (last) {
        const statement = this.send<T>(last);
        if (statement.refused !== undefined) {
          // Refused before it left (a value node-postgres cannot serialise): COMMIT must not follow,
          // or the work would commit without its events. The caller rolls back; the connection is
          // dropped, as node-postgres may now think that statement is prepared on it.
          this.broken = true;
          throw statement.refused;
        }
        final.push(statement.answer.then(tap(onLastAnswered)));
      }
      return [...final, this.client.query('COMMIT')];
    });
    try {
      const answers = await settleAll<QueryResult>(sent);
      if (answers[answers.length - 1].command !== 'COMMIT') throw new TransactionAbortedError();
      return last ? (answers[0].rows as T[]) : null;
    } finally {
      this.setOpen(false); // COMMIT has been answered either way: the transaction is over
    }
  }

  /**
   * Sends a query; a value node-postgres cannot serialise makes it refuse the query at once (its
   * callback runs inside the call), which is reported as `refused`. Statements take SqlValue
   * parameters, so this is a second line of defence. (Malformed query configs are reported on
   * the next tick instead; preparedQuery cannot produce one.)
   */
  private send<T extends QueryResultRow>(
    query: QueryConfig,
  ): { answer: Promise<QueryResult<T>>; refused?: Error } {
    let sending = true;
    let refused: Error | undefined;
    const answer = new Promise<QueryResult<T>>((resolve, reject) =>
      this.client.query<T>(query, (err, res) => {
        if (err && sending) refused = err instanceof Error ? err : new Error(String(err));
        if (err) reject(err);
        else resolve(res);
      }),
    );
    sending = false;
    answer.catch(() => undefined); // a refusal is thrown by the caller instead
    return { answer, refused };
  }

  /** Rolls back if the transaction is still open; never throws (the connection may be gone). */
  async rollback(): Promise<void> {
    if (!this.open) return;
    try {
      await this.client.query('ROLLBACK');
    } catch {
      // a broken connection: the pool discards it, PostgreSQL rolls back on disconnect
    } finally {
      this.setOpen(false);
    }
  }

  /**
   * Gives a connection that must not be reused back to the pool with an error, so the pool closes
   * it (TypeORM's own path for broken connections; its later release is then a no-op).
   */
  async discardIfBroken(err: unknown): Promise<void> {
    if (!this.broken) return;
    await releaseBrokenConnection(this.qr, err);
  }

  private setOpen(open: boolean): void {
    this.open = open;
    setTransactionState(this.qr, open);
  }
}

const tap =
  <R>(fn?: () => void) =>
  (r: R): R => {
    fn?.();
    return r;
  };

/** Waits for every answer (so none is left in flight), then throws the first failure in send order. */
async function settleAll<T>(answers: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(answers);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}
