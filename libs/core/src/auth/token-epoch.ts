import type { EntityManager } from 'typeorm';

/**
 * A user's token epoch: every access token carries the epoch it was issued in (`tep`, 0 when
 * absent), and a token of an older epoch is refused where the user is loaded anyway (REST guard,
 * socket handshake, auth_refresh). Raising it ends every access token issued before, at no cost
 * per socket command; live sockets are cut by the `session_revoked` push instead.
 */
export async function raiseTokenEpoch(tx: EntityManager, userId: string): Promise<number> {
  const [rows] = (await tx.query(
    'UPDATE users SET token_epoch = token_epoch + 1 WHERE id = $1 RETURNING token_epoch',
    [userId],
  )) as [{ token_epoch: number }[], number];
  return rows[0]?.token_epoch ?? 0;
}

export async function tokenEpochOf(tx: EntityManager, userId: string): Promise<number> {
  const rows = (await tx.query('SELECT token_epoch FROM users WHERE id = $1', [userId])) as {
    token_epoch: number;
  }[];
  return rows[0]?.token_epoch ?? 0;
}
