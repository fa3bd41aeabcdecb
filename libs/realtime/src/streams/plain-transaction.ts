import { TransactionAbortedError } from '#core';
import type { PoolClient, QueryConfig, QueryResultRow } from 'pg';
import type { QueryRunner } from 'typeorm';

/** One command's transaction, as CommandRunner drives it (PipelinedTransaction or PlainTransaction). */
export interface CommandTransaction {
  /** BEGIN, then the `opening` statements; the rows of each. */
  begin(opening: readonly QueryConfig[]): Promise<QueryResultRow[][]>;
  /** `last` (if any), then COMMIT; `last`'s rows. `onLastAnswered` runs between the two answers. */
  commit<T extends QueryResultRow>(
    last: QueryConfig | null,
    onLastAnswered?: () => void,
  ): Promise<T[] | null>;
  /** Rolls back if still open; never throws. */
  rollback(): Promise<void>;
  /** Closes a connection left unusable instead of pooling it again. */
  discardIfBroken(err: unknown): Promise<void>;
}

/**
 * The transaction with `FAST_PATH=off`: TypeORM's startTransaction and commitTransaction around
 * statements sent one after the other, each awaited (BEGIN and COMMIT take a round trip each), so
 * the pipelined one (docs/fast-path.md) can be compared against it. Public APIs only.
 */
export class PlainTransaction implements CommandTransaction {
  constructor(
    private readonly qr: QueryRunner,
    private readonly client: PoolClient,
  ) {}

  async begin(opening: readonly QueryConfig[]): Promise<QueryResultRow[][]> {
    await this.qr.startTransaction();
    const rows: QueryResultRow[][] = [];
    for (const query of opening) rows.push((await this.client.query(query)).rows);
    return rows;
  }

  async commit<T extends QueryResultRow>(
    last: QueryConfig | null,
    onLastAnswered?: () => void,
  ): Promise<T[] | null> {
    const rows = last ? (await this.client.query<T>(last)).rows : null;
    onLastAnswered?.();
    // A statement error the work swallowed aborted the transaction: COMMIT would answer ROLLBACK,
    // which commitTransaction does not check. node-postgres knows the state from PostgreSQL ('E'),
    // but only once it has read the ReadyForQuery behind the error, which a loaded network may
    // deliver after the error itself has already reached the work.
    await this.untilAnswered();
    if (this.client.getTransactionStatus() === 'E') throw new TransactionAbortedError();
    await this.qr.commitTransaction();
    return rows;
  }

  /**
   * Returns once node-postgres has read the answer to everything sent so far. It is ready at once
   * unless an error answer came without its ReadyForQuery; `readyForQuery` is node-postgres's own
   * flag, untyped: were it ever gone, an empty statement queued behind waits just as well.
   */
  private async untilAnswered(): Promise<void> {
    if ((this.client as PoolClient & { readyForQuery?: boolean }).readyForQuery === true) return;
    await this.client.query('').catch(() => undefined); // answered after what is before it
  }

  async rollback(): Promise<void> {
    if (!this.qr.isTransactionActive) return;
    try {
      await this.qr.rollbackTransaction();
    } catch {
      // a broken connection: the pool discards it, PostgreSQL rolls back on disconnect
    }
  }

  /** node-postgres resynchronises a connection after a statement it refused to send: nothing to do. */
  async discardIfBroken(): Promise<void> {}
}
