import { io, type Socket } from 'socket.io-client';

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

/** Emits a command and resolves with its ack. */
export function command<T = any>(s: TestSocket | Socket, event: string, payload?: unknown): Promise<T> {
  const socket = 'socket' in s ? s.socket : s;
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<T>;
}

/** Resolves with the first event (already received or upcoming) that matches. */
export function waitFor<T = any>(
  s: TestSocket,
  event: string,
  match: (data: any) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<T> {
  const seen = s.received.find((r) => r.event === event && match(r.data));
  if (seen) return Promise.resolve(seen.data as T);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.socket.off(event, handler);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const handler = (data: any) => {
      if (!match(data)) return;
      clearTimeout(timer);
      s.socket.off(event, handler);
      resolve(data as T);
    };
    s.socket.on(event, handler);
  });
}

/** Events of a type received so far. */
export const receivedOf = (s: TestSocket, event: string): any[] =>
  s.received.filter((r) => r.event === event).map((r) => r.data);

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
