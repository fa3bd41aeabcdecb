import type { AppError } from '#core';
import { CommandLanes } from './command-lanes.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('CommandLanes', () => {
  it('starts ordinary commands at once and bulk ones on the next turn, in arrival order', async () => {
    const lanes = new CommandLanes();
    const ran: string[] = [];
    const [a, b] = [{}, {}];
    lanes.submit(a, 'update_location', () => ran.push('a:loc1'), fail);
    lanes.submit(b, 'scan_checkpoint', () => ran.push('b:scan'), fail);
    lanes.submit(b, 'update_location', () => ran.push('b:loc'), fail);
    lanes.submit(a, 'update_location', () => ran.push('a:loc2'), fail);
    expect(ran).toEqual(['b:scan']);
    expect(lanes.waiting).toBe(3);
    await nextTurn();
    expect(ran).toEqual(['b:scan', 'a:loc1', 'b:loc', 'a:loc2']);
    expect(lanes.waiting).toBe(0);
  });

  it("keeps a socket's order behind its queued bulk commands, but a panic overtakes them", async () => {
    const lanes = new CommandLanes();
    const ran: string[] = [];
    const guard = {};
    lanes.submit(guard, 'update_location', () => ran.push('loc'), fail);
    lanes.submit(guard, 'shift_end', () => ran.push('shift_end'), fail);
    lanes.submit(guard, 'panic_alert', () => ran.push('panic'), fail);
    expect(ran).toEqual(['panic']);
    await nextTurn();
    expect(ran).toEqual(['panic', 'loc', 'shift_end']);
    lanes.submit(guard, 'shift_start', () => ran.push('shift_start'), fail); // nothing waiting now
    expect(ran).toEqual(['panic', 'loc', 'shift_end', 'shift_start']);
  });

  it('starts a bounded number per turn, so the sockets are read again in between', async () => {
    const lanes = new CommandLanes();
    let started = 0;
    for (let i = 0; i < 200; i++) lanes.submit({}, 'update_location', () => started++, fail);
    await nextTurn();
    expect(started).toBe(64);
    await nextTurn();
    expect(started).toBe(128);
    while (lanes.waiting) await nextTurn();
    expect(started).toBe(200);
  });

  it('refuses with RATE_LIMITED once a socket has 64 commands waiting', async () => {
    const lanes = new CommandLanes();
    const refused: AppError[] = [];
    const flooding = {};
    let started = 0;
    for (let i = 0; i < 70; i++)
      lanes.submit(
        flooding,
        'update_location',
        () => started++,
        (e) => refused.push(e),
      );
    expect(refused.map((e) => e.code)).toEqual(Array(6).fill('RATE_LIMITED'));
    while (lanes.waiting) await nextTurn();
    expect(started).toBe(64);
  });
});

describe('CommandLanes under load', () => {
  it('never counts or queues a panic, even with 64 commands waiting', async () => {
    const lanes = new CommandLanes();
    const guard = {};
    const ran: string[] = [];
    for (let i = 0; i < 64; i++) lanes.submit(guard, 'update_location', () => ran.push('loc'), fail);
    lanes.submit(guard, 'panic_alert', () => ran.push('panic'), fail);
    expect(ran).toEqual(['panic']);
    while (lanes.waiting) await nextTurn();
    expect(ran).toHaveLength(65);
  });

  it('a command that throws when started stops no other, and the lane keeps draining', async () => {
    const lanes = new CommandLanes();
    let started = 0;
    lanes.submit(
      {},
      'update_location',
      () => {
        throw new Error('boom');
      },
      fail,
    );
    for (let i = 0; i < 100; i++) lanes.submit({}, 'update_location', () => started++, fail);
    while (lanes.waiting) await nextTurn();
    expect(started).toBe(100);
  });

  it('a backlog of thousands drains completely, in order', async () => {
    const lanes = new CommandLanes();
    const order: number[] = [];
    const sockets = Array.from({ length: 100 }, () => ({}));
    for (let i = 0; i < 6000; i++)
      lanes.submit(sockets[i % 100], 'update_location', () => order.push(i), fail);
    while (lanes.waiting) await nextTurn();
    expect(order).toEqual(Array.from({ length: 6000 }, (_, i) => i));
  });
});

function fail(err: AppError): never {
  throw err;
}
