import {
  canTransition,
  decideAssign,
  decideClose,
  decideEdit,
  decideResolve,
  decideStatusUpdate,
  INCIDENT_STATUSES,
} from './incident.js';

describe('incident status machine', () => {
  it('allows exactly OPEN -> ASSIGNED -> IN_PROGRESS -> RESOLVED -> CLOSED', () => {
    const allowed = INCIDENT_STATUSES.flatMap((from) =>
      INCIDENT_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`),
    );
    expect(allowed).toEqual([
      'OPEN->ASSIGNED',
      'ASSIGNED->IN_PROGRESS',
      'IN_PROGRESS->RESOLVED',
      'RESOLVED->CLOSED',
    ]);
  });

  it('assigns open incidents and reassigns work in progress, never finished work', () => {
    expect(decideAssign('OPEN')).toEqual({ ok: true, status: 'ASSIGNED' });
    expect(decideAssign('ASSIGNED')).toEqual({ ok: true, status: 'ASSIGNED' });
    expect(decideAssign('IN_PROGRESS')).toEqual({ ok: true, status: 'IN_PROGRESS' });
    expect(decideAssign('RESOLVED').ok).toBe(false);
    expect(decideAssign('CLOSED').ok).toBe(false);
  });

  it('lets update_incident start the work only', () => {
    expect(decideStatusUpdate('ASSIGNED', 'IN_PROGRESS')).toEqual({ ok: true, status: 'IN_PROGRESS' });
    expect(decideStatusUpdate('OPEN', 'IN_PROGRESS').ok).toBe(false);
    expect(decideStatusUpdate('IN_PROGRESS', 'IN_PROGRESS').ok).toBe(false);
    expect(decideStatusUpdate('IN_PROGRESS', 'OPEN').ok).toBe(false);
    expect(decideStatusUpdate('OPEN', 'ASSIGNED')).toMatchObject({ ok: false, reason: /assign_incident/ });
    expect(decideStatusUpdate('IN_PROGRESS', 'RESOLVED')).toMatchObject({
      ok: false,
      reason: /resolve_incident/,
    });
    expect(decideStatusUpdate('RESOLVED', 'CLOSED').ok).toBe(false);
    expect(decideStatusUpdate('CLOSED', 'IN_PROGRESS').ok).toBe(false);
  });

  it('resolves work in progress and closes resolved incidents only', () => {
    expect(decideResolve('IN_PROGRESS')).toEqual({ ok: true, status: 'RESOLVED' });
    for (const s of ['OPEN', 'ASSIGNED', 'RESOLVED', 'CLOSED'] as const)
      expect(decideResolve(s).ok).toBe(false);
    expect(decideClose('RESOLVED')).toEqual({ ok: true, status: 'CLOSED' });
    for (const s of ['OPEN', 'ASSIGNED', 'IN_PROGRESS', 'CLOSED'] as const)
      expect(decideClose(s).ok).toBe(false);
  });

  it('accepts priority changes and notes until closed', () => {
    expect(decideEdit('RESOLVED').ok).toBe(true);
    expect(decideEdit('CLOSED').ok).toBe(false);
  });
});
