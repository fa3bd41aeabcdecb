import { io, type Socket } from 'socket.io-client';
import type { AckError, Commands, Envelope, ServerEvents } from '../../libs/contract/src/index.js';
import type { ProbeResult } from './probe.module.js';

/**
 * The probe module's commands and event (test/support/probe.module.ts): test-only, outside the
 * contract, so the helpers below take them beside the contract's names.
 */
interface ProbeCommands {
  probe_emit: {
    payload: { streams: string[]; siteId?: string; note?: string; clientEventId?: string };
    ack: ProbeResult;
  };
  probe_noop: { payload: { clientEventId?: string }; ack: { done: boolean } };
  probe_fail: { payload: { clientEventId?: string }; ack: Record<string, never> };
}
type TestCommands = Commands & ProbeCommands;
type TestEvents = ServerEvents & { probe: Envelope<{ note: string | null }, 'probe'> };

/**
 * What a test reads: the contract's names and fields, with its open parts (`unknown`, and server
 * views, open records that may carry more fields) as `any`, so an assertion may look deeper than
 * the contract promises.
 */
type Loose<T> = unknown extends T
  ? any
  : T extends { [k: string]: unknown }
    ? string extends keyof T
      ? any
      : { [K in keyof T]: Loose<T[K]> }
    : T extends readonly (infer U)[]
      ? Loose<U>[]
      : T extends object
        ? { [K in keyof T]: Loose<T[K]> }
        : T;

export interface ConnectOptions {
  token?: string;
  deviceId?: string;
  transports?: ('polling' | 'websocket')[];
  extraHeaders?: Record<string, string>;
  query?: Record<string, string>;
  auth?: Record<string, unknown>;
}

export interface TestSocket {
  socket: Socket;
  /** The `session` event received on connect. */
  session: Record<string, any>;
  /** Every event received so far, in arrival order. */
  received: { event: string; data: any }[];
  close(): void;
}

function makeSocket(baseUrl: string, opts: ConnectOptions): Socket {
  return io(baseUrl, {
    path: '/socket.io',
    transports: opts.transports ?? ['websocket'],
    auth: opts.auth ?? {
      ...(opts.token !== undefined && { token: opts.token }),
      ...(opts.deviceId && { deviceId: opts.deviceId }),
    },
    extraHeaders: opts.extraHeaders,
    query: opts.query,
    reconnection: false,
    forceNew: true,
    timeout: 5000,
  });
}

/** Connects a real socket.io client and resolves once the `session` event arrived. */
export function connect(baseUrl: string, opts: ConnectOptions): Promise<TestSocket> {
  const socket = makeSocket(baseUrl, opts);
  const received: { event: string; data: any }[] = [];
  socket.onAny((event: string, data: unknown) => received.push({ event, data }));
  return new Promise((resolve, reject) => {
    socket.once('session', (session: Record<string, any>) =>
      resolve({ socket, session, received, close: () => socket.close() }),
    );
    socket.once('connect_error', (err: Error & { data?: unknown }) => {
      socket.close();
      reject(err);
    });
  });
}

/** Resolves with the connect_error of a refused handshake (fails if it connects). */
export function connectRefused(baseUrl: string, opts: ConnectOptions): Promise<Error & { data?: any }> {
  const socket = makeSocket(baseUrl, opts);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.close();
      reject(new Error('connected but expected a refusal'));
    });
    socket.once('connect_error', (err: Error & { data?: unknown }) => {
      socket.close();
      resolve(err);
    });
  });
}

/**
 * An ack as a test reads it. Tests assert `ok` with expect(), which does not narrow the union the
 * wire type is, so both sides are typed here; `details` differs per code.
 */
export interface TestAck<T> {
  ok: boolean;
  data: T;
  error: Omit<AckError, 'details'> & { details?: any };
}

/** Emits a command of the contract and resolves with its ack; name, payload and ack data are typed. */
export function command<C extends keyof TestCommands>(
  s: TestSocket | Socket,
  event: C,
  payload?: TestCommands[C]['payload'],
): Promise<TestAck<Loose<TestCommands[C]['ack']>>> {
  return rawCommand(s, event, payload);
}

/** Emits anything, for tests of what the contract refuses: unknown names, invalid payloads. */
export function rawCommand(s: TestSocket | Socket, event: string, payload?: unknown): Promise<TestAck<any>> {
  const socket = 'socket' in s ? s.socket : s;
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<TestAck<any>>;
}

/** Resolves with the first event (already received or upcoming) that matches. */
export function waitFor<E extends keyof TestEvents>(
  s: TestSocket,
  event: E,
  match: (data: Loose<TestEvents[E]>) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<Loose<TestEvents[E]>> {
  const seen = s.received.find((r) => r.event === event && match(r.data));
  if (seen) return Promise.resolve(seen.data as Loose<TestEvents[E]>);
  const name: string = event;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.socket.off(name, handler);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const handler = (data: any) => {
      if (!match(data)) return;
      clearTimeout(timer);
      s.socket.off(name, handler);
      resolve(data);
    };
    s.socket.on(name, handler);
  });
}

/** Events of a type received so far. */
export const receivedOf = <E extends keyof TestEvents>(s: TestSocket, event: E): Loose<TestEvents[E]>[] =>
  s.received.filter((r) => r.event === event).map((r) => r.data as Loose<TestEvents[E]>);

/**
 * Proves a socket got nothing more of a kind without sleeping: a round trip through the server
 * (an ack) after the broadcast guarantees every earlier emit to this socket has arrived.
 */
export async function flush(s: TestSocket): Promise<void> {
  await command(s, 'sync', { cursors: {} });
}

export function waitForDisconnect(s: TestSocket, timeoutMs = 10_000): Promise<string> {
  if (!s.socket.connected) return Promise.resolve('already disconnected');
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timed out waiting for disconnect')), timeoutMs);
    s.socket.once('disconnect', (reason) => {
      clearTimeout(t);
      resolve(reason);
    });
  });
}
