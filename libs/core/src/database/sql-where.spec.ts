import { sqlWhere } from './sql-where.js';

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
