import type { QueryRunner } from 'typeorm';

/**
 * Fast path (docs/fast-path.md, "pipelined transaction"): TypeORM's own state of a query runner's
 * transaction, written the way its startTransaction/commitTransaction write it, for a transaction
 * this code sent itself (BEGIN and COMMIT ride with other statements). A repository used inside
 * the work then sees the transaction and does not open and commit one of its own.
 * `transactionDepth` is protected in TypeORM; the canary spec checks both fields.
 */
export function setTransactionState(qr: QueryRunner, open: boolean): void {
  const state = qr as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = open;
  state.transactionDepth = open ? 1 : 0;
}

/**
 * Gives a connection that must not be reused back to the pool with an error, so the pool closes
 * it: TypeORM's own path for broken connections (a private method of PostgresQueryRunner); its
 * later release() is then a no-op.
 */
export async function releaseBrokenConnection(qr: QueryRunner, err: unknown): Promise<void> {
  await (qr as unknown as { releasePostgresConnection(e: unknown): Promise<void> }).releasePostgresConnection(
    err,
  );
}
