import { preparedQuery } from '#realtime';
import { PATROL_RUN_FIELDS } from './patrol-run.columns.js';
import { RUN_WITH_ROUTE_SQL } from './patrol-run.repository.js';
import { checkpointsIn, runFromTuple, type RunTuple } from './patrol-run.tuple.js';

describe('patrol_runs mapping', () => {
  it('keeps the text, so the prepared name, of the scan prefetch', () => {
    expect(preparedQuery(RUN_WITH_ROUTE_SQL, []).name).toBe('ps_pt-NnMNHaH_y1oJ3');
  });

  it('decodes each tuple slot into the field PATROL_RUN_COLUMNS puts there', () => {
    const stamp = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
    const tuple = PATROL_RUN_FIELDS.map((f, i) => (/At$|Base$/.test(f) ? stamp(i) : `slot-${i}`));
    const full = [...tuple, [['c', 'n', 'k', { lat: 0, lng: 0 }, 5]]] as unknown as RunTuple;
    const run = runFromTuple(full) as unknown as Record<string, unknown>;
    expect(checkpointsIn(full)).toEqual([['c', 'n', 'k', { lat: 0, lng: 0 }, 5]]);
    expect(Object.keys(run)).toEqual(PATROL_RUN_FIELDS);
    PATROL_RUN_FIELDS.forEach((f, i) =>
      expect(run[f] instanceof Date ? (run[f] as Date).toISOString() : run[f]).toBe(tuple[i]),
    );
  });
});
