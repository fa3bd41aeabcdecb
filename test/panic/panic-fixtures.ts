import type { DurableEventName } from '../../libs/contract/src/index.js';
import { command, connect, waitFor, type TestSocket } from '../support/sockets.js';
import type { TestApp, TestUser } from '../support/test-app.js';

export const HERE = { lat: 52.52, lng: 13.405, accuracy: 5 };

/** Connects a user's socket; `ackPanics` makes it confirm receipt of every panic_alert. */
export async function online(t: TestApp, user: TestUser, ackPanics = false): Promise<TestSocket> {
  const s = await connect(t.baseUrl, { token: user.token });
  if (ackPanics) s.socket.on('panic_alert', (_env: unknown, ack?: () => void) => ack?.());
  return s;
}

export const ofPanic =
  (panicId: string) =>
  (env: any): boolean =>
    env?.data?.panic?.id === panicId || env?.data?.panicId === panicId;

/**
 * Events of a type about one panic that a socket received so far, as a client keeps them: once per
 * stream and seq. A `panic_alert` the event log delivered before the receipt request arrives again
 * with that request (docs/protocol.md, "Panic escalation"); a second event would have its own seq.
 */
export const panicEvents = (s: TestSocket, event: string, panicId: string): any[] => {
  const bySeq = new Map<string, any>();
  for (const r of s.received)
    if (r.event === event && ofPanic(panicId)(r.data)) bySeq.set(`${r.data.stream}|${r.data.seq}`, r.data);
  return [...bySeq.values()];
};

/**
 * Finds a durable event that may have been published before or after this socket connected:
 * first through `sync` from `cursor`, else live. Race-free because the socket is already in its
 * rooms when sync reads the log.
 */
export async function eventually(
  s: TestSocket,
  stream: string,
  cursor: number,
  type: DurableEventName,
  match: (env: any) => boolean,
  timeoutMs = 15_000,
): Promise<any> {
  const ack = await command(s, 'sync', { cursors: { [stream]: cursor } });
  const found = (ack.data.streams[stream].events as any[]).find((e) => e.type === type && match(e));
  return found ?? waitFor(s, type, (e) => e.stream === stream && match(e), timeoutMs);
}

/** Every event of `streams` after the given cursors, via `sync`. */
export async function syncAll(s: TestSocket, cursors: Record<string, number>) {
  const ack = await command(s, 'sync', { cursors });
  expect(ack.ok).toBe(true);
  return ack.data.streams as Record<string, { head: number; events: any[]; truncated: boolean }>;
}

export const closeAll = (...sockets: TestSocket[]): void => sockets.forEach((s) => s.close());
