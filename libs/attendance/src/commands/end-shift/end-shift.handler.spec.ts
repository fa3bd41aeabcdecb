import { jest } from '@jest/globals';
import type { Principal } from '#core';
import { codeOf, fakeCommandPorts } from '../../../../../test/support/fake-command.js';
import { ShiftEndedEvent } from '../../events/shift-ended.event.js';
import { Shifts } from '../../persistence/shift.repository.js';
import type { ShiftView } from '../../persistence/shift.views.js';
import { EndShiftCommand } from './end-shift.command.js';
import { EndShiftHandler } from './end-shift.handler.js';

const SITE = '00000000-0000-4000-8000-00000000000a';
const me: Principal = { userId: 'g1', role: 'guard', name: 'G', siteIds: [SITE] };
const shiftOf = (over: Partial<ShiftView> = {}): ShiftView => ({
  id: 's1',
  guardId: 'g1',
  guardName: 'G',
  siteId: SITE,
  scheduledShiftId: null,
  startedAt: '2026-01-01T08:00:00.000Z',
  startedReceivedAt: '2026-01-01T08:00:00.000Z',
  startLocation: null,
  startInsideGeofence: null,
  endedAt: null,
  endedReceivedAt: null,
  endLocation: null,
  endInsideGeofence: null,
  ...over,
});

/**
 * The handler against fake ports: the Shifts repository (spied), a runner that runs the work on a
 * fake unit of work that records what it appends and publishes.
 */
function setup(stored: { active: ShiftView | null; byId?: Record<string, ShiftView> }) {
  const ports = fakeCommandPorts({ getRepository: () => ({ findOneBy: () => Promise.resolve(null) }) });
  jest.spyOn(Shifts, 'lockGuard').mockResolvedValue();
  jest.spyOn(Shifts, 'findActive').mockResolvedValue(stored.active);
  const saveEnd = jest.spyOn(Shifts, 'saveEnd').mockResolvedValue();
  jest
    .spyOn(Shifts, 'find')
    .mockImplementation((_tx, id) =>
      Promise.resolve(
        stored.byId?.[id] ?? (id === stored.active?.id ? { ...stored.active, endedAt: 'x' } : null),
      ),
    );
  const handler = new EndShiftHandler(ports.runner);
  const end = (dto: { shiftId?: string; recordedAt?: string }, at = new Date('2026-01-01T16:00:00Z')) =>
    handler.execute(new EndShiftCommand(me, dto, at));
  return { end, appended: ports.appended, published: ports.published, saveEnd };
}

describe('EndShiftHandler', () => {
  afterEach(() => jest.restoreAllMocks());

  it('clocks out of the active shift, tells site staff and the guard, publishes ShiftEndedEvent', async () => {
    const t = setup({ active: shiftOf() });
    await t.end({});
    expect(t.saveEnd).toHaveBeenCalledWith(expect.anything(), 's1', {
      endedAt: new Date('2026-01-01T16:00:00Z'),
      endedReceivedAt: new Date('2026-01-01T16:00:00Z'),
      endLocation: null,
      endInsideGeofence: null,
    });
    expect(t.appended).toEqual([
      expect.objectContaining({ type: 'shift_ended', streams: [`site:${SITE}:staff`, 'user:g1'] }),
    ]);
    expect(t.published[0]).toBeInstanceOf(ShiftEndedEvent);
  });

  it('answers CONFLICT off shift, and for a named shift of the guard that has ended', async () => {
    expect(await codeOf(setup({ active: null }).end({}))).toBe('CONFLICT');
    const ended = shiftOf({ id: 's0', endedAt: '2026-01-01T07:00:00.000Z' });
    expect(await codeOf(setup({ active: shiftOf(), byId: { s0: ended } }).end({ shiftId: 's0' }))).toBe(
      'CONFLICT',
    );
  });

  it("answers NOT_FOUND for another guard's shift, and stores nothing", async () => {
    const theirs = shiftOf({ id: 's9', guardId: 'g2' });
    const t = setup({ active: shiftOf(), byId: { s9: theirs } });
    expect(await codeOf(t.end({ shiftId: 's9' }))).toBe('NOT_FOUND');
    expect(t.saveEnd).not.toHaveBeenCalled();
  });

  it('refuses a clock-out before the clock-in', async () => {
    const t = setup({ active: shiftOf() });
    expect(await codeOf(t.end({}, new Date('2026-01-01T07:00:00Z')))).toBe('VALIDATION_FAILED');
    expect(t.appended).toEqual([]);
  });
});
