import { deleteInBatches } from './delete-in-batches.js';

/** A stand-in for TypeORM's DataSource.query: a DELETE answers [rows, affected]. */
function tableOf(rows: number) {
  let left = rows;
  const statements: string[] = [];
  return {
    statements,
    query(sql: string): Promise<unknown> {
      statements.push(sql);
      const limit = Number(/LIMIT (\d+)/.exec(sql)![1]);
      const n = Math.min(limit, left);
      left -= n;
      return Promise.resolve([[], n]);
    },
  };
}

describe('deleteInBatches', () => {
  it('deletes in statements of at most `batch` rows until one deletes fewer, and counts them all', async () => {
    const db = tableOf(12);
    expect(await deleteInBatches(db, 'audit_log', 'at < $1', [new Date()], 5)).toBe(12);
    expect(db.statements).toHaveLength(3);
    expect(db.statements[0]).toContain('FROM audit_log WHERE at < $1 LIMIT 5');
  });
  it('answers 0 with one statement when nothing matches', async () => {
    const db = tableOf(0);
    expect(await deleteInBatches(db, 'audit_log', 'at < $1', [new Date()])).toBe(0);
    expect(db.statements).toHaveLength(1);
  });
  it('reads a pg client result (rowCount) as well', async () => {
    const db = { query: () => Promise.resolve({ rowCount: 3 }) };
    expect(await deleteInBatches(db, 't', 'true', [], 5)).toBe(3);
  });
});
