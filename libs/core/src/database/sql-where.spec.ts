import { readPage, sqlWhere } from './sql-where.js';

describe('sqlWhere', () => {
  it('numbers the parameters of the filters that have a value, in order', () => {
    expect(
      sqlWhere([
        ['a = ?', 1],
        ['b = ?', undefined],
        ['c = ANY(?)', ['x']],
        ['d = ?', ''],
        ['e < ?', null],
        ['f >= ?', 0],
      ]),
    ).toEqual({ where: 'WHERE a = $1 AND c = ANY($2) AND f >= $3', params: [1, ['x'], 0] });
  });
  it('is empty without filters', () => {
    expect(sqlWhere([['a = ?', undefined]])).toEqual({ where: '', params: [] });
  });
});

describe('readPage', () => {
  it('counts and reads with the same WHERE and parameters', async () => {
    const sent: [string, unknown[]][] = [];
    const db = {
      query: (sql: string, params: unknown[] = []) => {
        sent.push([sql, params]);
        return Promise.resolve(sql.startsWith('SELECT count') ? [{ total: 7 }] : [{ id: 'x' }]);
      },
    };
    const page = await readPage(db, {
      select: 'SELECT * FROM t x',
      from: 't x',
      orderBy: 'x.at DESC',
      filters: [['x.a = ?', 1]],
      limit: 20,
      offset: 40,
    });
    expect(page).toEqual({ rows: [{ id: 'x' }], total: 7 });
    expect(sent).toEqual([
      ['SELECT count(*)::int AS total FROM t x WHERE x.a = $1', [1]],
      ['SELECT * FROM t x WHERE x.a = $1 ORDER BY x.at DESC LIMIT 20 OFFSET 40', [1]],
    ]);
  });
});
