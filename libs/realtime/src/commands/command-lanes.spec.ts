import { CommandLanes, laneFull } from './command-lanes.js';
import type { CommandLane } from './command-policy.js';

/** The lanes the feature gateways declare for these commands (CommandPolicy). */
const LANE_OF: Record<string, CommandLane> = {
  update_location: 'bulk',
  panic_alert: 'urgent',
  scan_checkpoint: 'ordinary',
  shift_start: 'ordinary',
  shift_end: 'ordinary',
};

/** Submits and expects the lane to take the command (a refusal here would be a bug). */
function accept(lanes: CommandLanes, socket: object, event: string, run: () => unknown): void {
  expect(lanes.submit(socket, LANE_OF[event], () => void run())).toBe(true);
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('CommandLanes', () => {
  it('starts ordinary commands at once and bulk ones on the next turn, in arrival order', async () => {
    const lanes = new CommandLanes();
    const ran: string[] = [];
    const [a, b] = [{}, {}];
    accept(lanes, a, 'update_location', () => ran.push('a:loc1'));
    accept(lanes, b, 'scan_checkpoint', () => ran.push('b:scan'));
    accept(lanes, b, 'update_location', () => ran.push('b:loc'));
    accept(lanes, a, 'update_location', () => ran.push('a:loc2'));
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
    accept(lanes, guard, 'update_location', () => ran.push('loc'));
    accept(lanes, guard, 'shift_end', () => ran.push('shift_end'));
    accept(lanes, guard, 'panic_alert', () => ran.push('panic'));
    expect(ran).toEqual(['panic']);
    await nextTurn();
    expect(ran).toEqual(['panic', 'loc', 'shift_end']);
    accept(lanes, guard, 'shift_start', () => ran.push('shift_start')); // nothing waiting now
    expect(ran).toEqual(['panic', 'loc', 'shift_end', 'shift_start']);
  });

  it('starts a bounded number per turn, so the sockets are read again in between', async () => {
    const lanes = new CommandLanes();
    let started = 0;
    for (let i = 0; i < 200; i++) accept(lanes, {}, 'update_location', () => started++);
    await nextTurn();
    expect(started).toBe(64);
    await nextTurn();
    expect(started).toBe(128);
    while (lanes.waiting) await nextTurn();
    expect(started).toBe(200);
  });

  it('refuses with RATE_LIMITED once a socket has 64 commands waiting', async () => {
    const lanes = new CommandLanes();
    const accepted: boolean[] = [];
    const flooding = {};
    let started = 0;
    for (let i = 0; i < 70; i++) accepted.push(lanes.submit(flooding, 'bulk', () => started++));
    expect(accepted).toEqual([...Array(64).fill(true), ...Array(6).fill(false)]);
    expect(laneFull().code).toBe('RATE_LIMITED');
    while (lanes.waiting) await nextTurn();
    expect(started).toBe(64);
  });
});

describe('CommandLanes under load', () => {
  it('never counts or queues a panic, even with 64 commands waiting', async () => {
    const lanes = new CommandLanes();
    const guard = {};
    const ran: string[] = [];
    for (let i = 0; i < 64; i++) accept(lanes, guard, 'update_location', () => ran.push('loc'));
    accept(lanes, guard, 'panic_alert', () => ran.push('panic'));
    expect(ran).toEqual(['panic']);
    while (lanes.waiting) await nextTurn();
    expect(ran).toHaveLength(65);
  });

  it('a command that throws when started stops no other, and the lane keeps draining', async () => {
    const lanes = new CommandLanes();
    let started = 0;
    accept(lanes, {}, 'update_location', () => {
      throw new Error('boom');
    });
    for (let i = 0; i < 100; i++) accept(lanes, {}, 'update_location', () => started++);
    while (lanes.waiting) await nextTurn();
    expect(started).toBe(100);
  });

  it('a backlog of thousands drains completely, in order', async () => {
    const lanes = new CommandLanes();
    const order: number[] = [];
    const sockets = Array.from({ length: 100 }, () => ({}));
    for (let i = 0; i < 6000; i++) accept(lanes, sockets[i % 100], 'update_location', () => order.push(i));
    while (lanes.waiting) await nextTurn();
    expect(order).toEqual(Array.from({ length: 6000 }, (_, i) => i));
  });
});
