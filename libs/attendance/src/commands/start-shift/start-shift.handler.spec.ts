import { jest } from '@jest/globals';
import type { Principal } from '#core';
import type { TimerService } from '#realtime';
import { codeOf, fakeCommandPorts } from '../../../../../test/support/fake-command.js';
import { ShiftStartedEvent } from '../../events/shift-started.event.js';
import { NO_SHOW_TIMER } from '../../no-show/no-show.timer.js';
import { ScheduledShifts } from '../../persistence/scheduled-shift.repository.js';
import { Shifts } from '../../persistence/shift.repository.js';
import type { ShiftView } from '../../persistence/shift.views.js';
import { StartShiftCommand } from './start-shift.command.js';
import { StartShiftHandler } from './start-shift.handler.js';

const SITE = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';
const me: Principal = { userId: 'g1', role: 'guard', name: 'G', siteIds: [SITE] };
const AT = new Date('2026-01-01T08:00:00Z');
const shift = (over: Partial<ShiftView> = {}) =>
  ({ id: 's1', siteId: SITE, guardId: 'g1', ...over }) as ShiftView;

/** The handler against fake ports: the site table, the shift repositories (spied), timers. */
function setup(stored: { active?: ShiftView; overlapped?: ShiftView; planned?: string } = {}) {
  const site = { id: SITE, geofence: null };
  const ports = fakeCommandPorts({ getRepository: () => ({ findOneBy: () => Promise.resolve(site) }) });
  jest.spyOn(Shifts, 'lockGuard').mockResolvedValue();
  jest.spyOn(Shifts, 'findActive').mockResolvedValue(stored.active ?? null);
  jest.spyOn(Shifts, 'findEndingAfter').mockResolvedValue(stored.overlapped ?? null);
  jest.spyOn(ScheduledShifts, 'fulfilledBy').mockResolvedValue(stored.planned);
  const insert = jest.spyOn(Shifts, 'insert').mockResolvedValue('new');
  jest.spyOn(Shifts, 'find').mockResolvedValue(shift({ id: 'new' }));
  const cancel = jest.fn(() => Promise.resolve());
  const timers = { cancel } as unknown as TimerService;
  const handler = new StartShiftHandler(ports.runner, timers);
  const start = (siteId = SITE) => handler.execute(new StartShiftCommand(me, { siteId }, AT));
  return { start, insert, cancel, appended: ports.appended, published: ports.published };
}

describe('StartShiftHandler', () => {
  afterEach(() => jest.restoreAllMocks());

  it('clocks in, linked to the planned shift it fulfils, whose no-show deadline goes', async () => {
    const t = setup({ planned: 'plan-1' });
    expect((await t.start()).shift.id).toBe('new');
    expect(t.insert).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ guardId: 'g1', siteId: SITE, scheduledShiftId: 'plan-1', startedAt: AT }),
    );
    expect(t.cancel).toHaveBeenCalledWith(expect.anything(), NO_SHOW_TIMER, 'plan-1');
    expect(t.appended.map((e) => e.type)).toEqual(['shift_started']);
    expect(t.published[0]).toBeInstanceOf(ShiftStartedEvent);
  });

  it('clocks in without a plan and cancels no deadline', async () => {
    const t = setup();
    await t.start();
    expect(t.insert).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ scheduledShiftId: null }),
    );
    expect(t.cancel).not.toHaveBeenCalled();
  });

  it('answers CONFLICT on shift already, or when the start overlaps an ended shift', async () => {
    expect(await codeOf(setup({ active: shift() }).start())).toBe('CONFLICT');
    const t = setup({ overlapped: shift({ id: 's0' }) });
    expect(await codeOf(t.start())).toBe('CONFLICT');
    expect(t.insert).not.toHaveBeenCalled();
  });

  it('answers NOT_FOUND for a site the guard is not assigned to', async () => {
    expect(await codeOf(setup().start(OTHER))).toBe('NOT_FOUND');
  });
});
