import { jest } from '@jest/globals';
import type { AppConfig } from '#core';
import type { EventBus } from '@nestjs/cqrs';
import { BroadcastWhenLocationsBatched } from '../event-handlers/broadcast-when-locations-batched.handler.js';
import { LocationsBatchedEvent } from '../events/locations-batched.event.js';
import type { Publisher } from '#realtime';
import type { HistoryRow, LocationHistoryRepository } from '../persistence/location-history.repository.js';
import type { GuardStaleTimers } from '../stale/guard-stale.timers.js';
import { LocationBatcher } from './location-batcher.service.js';

const row = (guardId: string, siteId: string, lat: number, s: number): HistoryRow => ({
  guardId,
  siteId,
  shiftId: `shift-${guardId}`,
  clientEventId: null,
  lat,
  lng: 13.4,
  accuracy: 5,
  heading: null,
  speed: null,
  batteryLevel: 80,
  recordedAt: Date.parse('2026-11-22T10:00:00Z') + s * 1000,
  receivedAt: Date.parse('2026-11-22T10:00:00Z') + s * 1000,
});

describe('LocationBatcher', () => {
  type Insert = (rows: HistoryRow[]) => Promise<void>;
  const setup = (insertMany = jest.fn<Insert>(async () => undefined)) => {
    const emitTo = jest.fn<(room: string, event: string, data: any) => void>();
    const touch = jest.fn<(rows: HistoryRow[]) => Promise<void>>(async () => undefined);
    // The batcher raises one event per site and window; its handler is what broadcasts.
    const broadcast = new BroadcastWhenLocationsBatched({ emitTo } as unknown as Publisher);
    const publish = (e: LocationsBatchedEvent) => {
      expect(e).toBeInstanceOf(LocationsBatchedEvent);
      broadcast.handle(e);
    };
    const batcher = new LocationBatcher(
      { LOCATION_BATCH_MS: 5000 } as AppConfig,
      { publish } as unknown as EventBus,
      { insertMany } as unknown as LocationHistoryRepository,
      { touch } as unknown as GuardStaleTimers,
    );
    return { batcher, emitTo, insertMany, touch };
  };

  it('sends the latest fix per guard to each site staff room and writes every fix in one insert', async () => {
    const { batcher, emitTo, insertMany, touch } = setup();
    batcher.add(row('g1', 'A', 1, 0));
    batcher.add(row('g1', 'A', 2, 5));
    batcher.add(row('g2', 'A', 3, 1));
    batcher.add(row('g3', 'B', 4, 2));
    await batcher.flush();
    expect(emitTo).toHaveBeenCalledTimes(2);
    const [roomA, event, dataA] = emitTo.mock.calls[0];
    expect(roomA).toBe('site:A:staff');
    expect(event).toBe('location_batch');
    expect(dataA.locations.map((l: { userId: string; lat: number }) => [l.userId, l.lat])).toEqual([
      ['g1', 2],
      ['g2', 3],
    ]);
    expect(emitTo.mock.calls[1][0]).toBe('site:B:staff');
    expect(insertMany).toHaveBeenCalledTimes(1);
    expect((insertMany.mock.calls[0] as unknown[][])[0]).toHaveLength(4);
    expect((touch.mock.calls[0] as unknown[][])[0]).toHaveLength(3);
    await batcher.flush();
    expect(emitTo).toHaveBeenCalledTimes(2); // an empty window sends nothing
    expect(insertMany).toHaveBeenCalledTimes(1);
  });

  it('keeps the fixes for the next window when the write fails', async () => {
    const insertMany = jest
      .fn<Insert>()
      .mockRejectedValueOnce(new Error('db down'))
      .mockResolvedValue(undefined);
    const { batcher } = setup(insertMany);
    batcher.add(row('g1', 'A', 1, 0));
    await batcher.flush();
    batcher.add(row('g1', 'A', 2, 5));
    await batcher.flush();
    expect(insertMany).toHaveBeenCalledTimes(2);
    expect((insertMany.mock.calls[1] as unknown[][])[0]).toHaveLength(2);
  });

  it('writes a large window in inserts of at most 1,000 rows and retries only the unwritten ones', async () => {
    const insertMany = jest
      .fn<Insert>()
      .mockResolvedValueOnce(undefined)
      .mockRejectedValueOnce(new Error('db down'))
      .mockResolvedValue(undefined);
    const { batcher, emitTo } = setup(insertMany);
    for (let i = 0; i < 2500; i++) batcher.add(row(`g${i}`, `S${i % 50}`, 1, i % 60));
    await batcher.flush();
    expect(emitTo).toHaveBeenCalledTimes(50);
    expect(insertMany.mock.calls.map((c) => c[0].length)).toEqual([1000, 1000]);
    await batcher.flush();
    expect(insertMany.mock.calls.map((c) => c[0].length)).toEqual([1000, 1000, 1000, 500]);
    expect(insertMany.mock.calls[2][0][0].guardId).toBe('g1000'); // the failed chunk comes first
  });

  const refused = (code: string) => Object.assign(new Error('refused'), { code });
  /** A database that refuses, as PostgreSQL would, any insert holding a row of guard 'bad'. */
  const refusingBad = (written: string[]) =>
    jest.fn<Insert>(async (rows) => {
      if (rows.some((r) => r.guardId === 'bad')) throw refused('22P02');
      written.push(...rows.map((r) => r.guardId));
    });

  it('drops only the fixes the database refuses for their values, writes the rest, retries none', async () => {
    const written: string[] = [];
    const insertMany = refusingBad(written);
    const { batcher, touch } = setup(insertMany);
    for (let i = 0; i < 10; i++) batcher.add(row(i === 3 || i === 7 ? 'bad' : `g${i}`, 'A', i, i));
    await batcher.flush();
    expect(written.sort()).toEqual(['g0', 'g1', 'g2', 'g4', 'g5', 'g6', 'g8', 'g9']);
    expect((touch.mock.calls[0] as unknown[][])[0]).toHaveLength(9); // every guard seen, the bad one too
    const calls = insertMany.mock.calls.length;
    await batcher.flush();
    expect(insertMany.mock.calls.length).toBe(calls); // nothing left to retry
  });

  it('keeps for the next window what an outage interrupts while isolating a refused fix', async () => {
    const written: string[] = [];
    const refusing = refusingBad(written);
    let outage = false;
    const insertMany = jest.fn<Insert>(async (rows) => {
      if (outage) throw new Error('db down');
      await refusing(rows);
      if (rows.length === 2) outage = true; // the database goes away mid-isolation
    });
    const { batcher } = setup(insertMany);
    for (let i = 0; i < 8; i++) batcher.add(row(i === 0 ? 'bad' : `g${i}`, 'A', i, i));
    await batcher.flush();
    const first = [...written];
    expect(first).toEqual(['g1', 'g2', 'g3']); // [bad] dropped, [g1] and [g2, g3] written, then the outage
    outage = false;
    await batcher.flush();
    expect(written.slice(first.length)).toEqual(['g4', 'g5', 'g6', 'g7']); // once each, nothing lost
  });
});
