import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { DEFAULT_BACKOFF, backoffDelay, retryDelay, type BackoffOptions } from './backoff.js';
import { ClientError } from './client-error.js';
import {
  isEnvelope,
  isFieldAction,
  READ_COMMANDS,
  type Ack,
  type AckOf,
  type CommandName,
  type Envelope,
  type PayloadOf,
  type ServerEvents,
  type Session,
} from '#contract';
import { MemoryCursorStore, type CursorStore } from './cursor-store.js';
import { MessagingCommands } from './messaging.js';
import { TypedEmitter } from './emitter.js';
import { OfflineQueue, type QueuedCommand } from './offline-queue.js';
import { StreamBuffer } from './stream-buffer.js';

export interface PatrolShieldClientOptions {
  /** Server base URL, e.g. http://localhost:3000. */
  url: string;
  /** Returns a valid access token; called on every handshake and before `auth_refresh`. */
  getToken: () => string | Promise<string>;
  deviceId?: string;
  transports?: ('websocket' | 'polling')[];
  /** Per attempt (default 10 s). */
  ackTimeoutMs?: number;
  /** Attempts of a command on retryable errors while connected (default 5). */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  cursorStore?: CursorStore;
  /** Queue field actions while offline (default true); `{ max }` bounds the queue. */
  offlineQueue?: boolean | { max: number };
  /** How long a gap in a stream may stay open before the client syncs (default 300 ms). */
  gapSyncDelayMs?: number;
  /** Passed to socket.io-client (reconnection delays, extraHeaders...). */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

/** Client-side events besides the server's. */
export interface ClientEvents extends ServerEvents {
  /** Connected, caught up (sync done); the queue starts flushing. */
  ready: Session;
  disconnected: { reason: string };
  /** Every durable event, once, in seq order per stream. */
  event: Envelope;
  /** `session_revoked` received: the client will not reconnect; log in again. */
  revoked: ServerEvents['session_revoked'];
  /** `auth_refresh` answered after `session_expiring`: the session now lasts until `expiresAt`. */
  refreshed: { expiresAt: string };
  /** History past the retention window is gone: reload state over REST. */
  truncated: { stream: string; head: number };
  connect_error: { code: string; message: string };
  error: Error;
}

const MIN_REFRESH_INTERVAL_MS = 5000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const randomUUID = (): string => globalThis.crypto.randomUUID();

/**
 * The PatrolShield realtime client: typed commands with acks, timeouts and idempotent retries,
 * an offline queue for field actions, exactly-once in-order durable events (cursors + sync +
 * dedupe), token refresh and the contract's disconnect rules.
 */
export class PatrolShieldClient extends TypedEmitter<ClientEvents> {
  readonly socket: Socket;
  /** Typed messaging methods: `client.messaging.sendToSite(siteId, text)`... */
  readonly messaging = new MessagingCommands(this);
  session?: Session;
  private readonly opts: Required<
    Pick<PatrolShieldClientOptions, 'ackTimeoutMs' | 'maxAttempts' | 'backoff' | 'gapSyncDelayMs'>
  >;
  private readonly store: CursorStore;
  private readonly buffer: StreamBuffer;
  private readonly queue?: OfflineQueue;
  private isReady = false;
  private closed = false;
  private revoked = false;
  private expired = false;
  private storeLoaded = false;
  private flushing = false;
  private syncing?: Promise<void>;
  private syncAgain = false;
  private gapTimer?: ReturnType<typeof setTimeout>;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  private refusals = 0;
  private lastRefreshAt = 0;

  constructor(private readonly options: PatrolShieldClientOptions) {
    super();
    this.opts = {
      ackTimeoutMs: options.ackTimeoutMs ?? 10_000,
      maxAttempts: options.maxAttempts ?? 5,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      gapSyncDelayMs: options.gapSyncDelayMs ?? 300,
    };
    this.store = options.cursorStore ?? new MemoryCursorStore();
    this.buffer = new StreamBuffer(
      (env) => {
        this.emit('event', env);
        this.emit(env.type as keyof ClientEvents, env as never);
      },
      (stream, seq) => void Promise.resolve(this.store.save(stream, seq)).catch((e: unknown) => this.fail(e)),
    );
    if (options.offlineQueue !== false)
      this.queue = new OfflineQueue(
        typeof options.offlineQueue === 'object' ? options.offlineQueue.max : 1000,
      );
    this.socket = io(options.url, {
      path: '/socket.io',
      transports: options.transports ?? ['websocket'],
      autoConnect: false,
      forceNew: true,
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      ...options.socketOptions,
      auth: (cb: (auth: Record<string, unknown>) => void) => {
        Promise.resolve()
          .then(() => options.getToken())
          .then(
            (token) => cb({ token, ...(options.deviceId && { deviceId: options.deviceId }) }),
            (e: unknown) => {
              this.fail(e);
              cb({});
            },
          );
      },
    });
    this.wire();
  }

  get ready(): boolean {
    return this.isReady;
  }

  get queued(): number {
    return this.queue?.size ?? 0;
  }

  /** Last delivered seq per stream. */
  get cursors(): Record<string, number> {
    return this.buffer.cursorsSnapshot();
  }

  /** Connects and resolves once caught up; rejects on a refused handshake that retrying cannot fix. */
  connect(timeoutMs = 30_000): Promise<Session> {
    if (this.closed) return Promise.reject(new ClientError('CLOSED', 'Client closed'));
    if (this.isReady && this.session) return Promise.resolve(this.session);
    const ready = new Promise<Session>((resolve, reject) => {
      const timer = setTimeout(
        () => done(new ClientError('OFFLINE', 'connect timed out', undefined, true)),
        timeoutMs,
      );
      const offs = [this.once('ready', (s) => done(undefined, s)), this.once('error', (e) => done(e))];
      const done = (err?: Error, s?: Session) => {
        clearTimeout(timer);
        offs.forEach((off) => off());
        if (err) reject(err);
        else resolve(s!);
      };
    });
    // Stored cursors first, so no live event can race a slow (async) store.
    this.loadStore().then(
      () => {
        if (!this.closed && !this.socket.connected && !this.socket.active) this.socket.connect();
      },
      (e: unknown) => this.fail(e),
    );
    return ready;
  }

  /** Closes for good: no reconnect, queued commands are rejected with CLOSED. */
  close(): void {
    this.closed = true;
    this.isReady = false;
    clearTimeout(this.gapTimer);
    clearTimeout(this.reconnectTimer);
    this.socket.io.reconnection(false);
    this.socket.close();
    this.queue?.clear(new ClientError('CLOSED', 'Client closed'));
  }

  /**
   * Sends a command and resolves with its ack data; throws ClientError with the contract's code.
   * Mutations get a clientEventId (kept across retries). Field actions go through the offline
   * queue: sent in order (panics first, see OfflineQueue.urgentWaiting), stamped with their device
   * time, and kept until the server answered.
   */
  command<C extends CommandName>(
    name: C,
    payload: PayloadOf<C>,
    opts: { timeoutMs?: number; maxAttempts?: number } = {},
  ): Promise<AckOf<C>> {
    if (this.closed) return Promise.reject(new ClientError('CLOSED', 'Client closed'));
    if (this.revoked) return Promise.reject(new ClientError('REVOKED', 'Session revoked'));
    const body = { ...(payload as Record<string, unknown>) };
    if (!READ_COMMANDS.includes(name) && typeof body.clientEventId !== 'string')
      body.clientEventId = randomUUID();
    if (this.queue && isFieldAction(name)) {
      const queue = this.queue;
      const p = new Promise<AckOf<C>>((resolve, reject) =>
        queue.push(name, body as never, resolve as (d: unknown) => void, reject),
      );
      void this.flushQueue();
      return p;
    }
    return this.send(name, body, opts, 'ready') as Promise<AckOf<C>>;
  }

  /** Catches up every readable stream now (also runs on every (re)connect and on gaps). */
  sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = this.runSync().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private wire(): void {
    const s = this.socket;
    s.on('connect', () => (this.refusals = 0));
    s.on('session', (session: Session) => void this.onSession(session).catch((e: unknown) => this.fail(e)));
    s.on('session_expiring', () => void this.refreshToken());
    s.on('session_expired', () => (this.expired = true));
    s.on('session_revoked', (data: ServerEvents['session_revoked']) => {
      this.revoked = true;
      // The Manager reads its own flag, not opts: without this, a transport that drops before the
      // server's disconnect arrives would be reconnected (and refused) by socket.io itself.
      this.socket.io.reconnection(false);
      this.socket.disconnect();
      this.queue?.clear(new ClientError('REVOKED', 'Session revoked'));
      this.emit('revoked', data);
    });
    s.on('assignments_changed', () => void this.sync().catch((e: unknown) => this.fail(e)));
    s.onAny((event: string, ...args: unknown[]) => {
      const last = args[args.length - 1];
      // Broadcasts with acknowledgement (panic_alert): confirm this device received it.
      if (typeof last === 'function') (args.pop() as () => void)();
      const data = args[0];
      if (isEnvelope(data)) {
        this.buffer.push(data);
        this.watchGaps();
      } else this.emit(event as keyof ClientEvents, data as never);
    });
    s.on('disconnect', (reason) => {
      this.isReady = false;
      this.emit('disconnected', { reason });
      if (this.closed || this.revoked) return;
      if (reason === 'io server disconnect') {
        // The server cut us on purpose. After session_expired: new token, then reconnect.
        const delay = this.expired ? 0 : backoffDelay(this.refusals++, this.opts.backoff);
        this.expired = false;
        this.reconnectLater(delay);
      }
    });
    s.on('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
      const code = err.data?.code ?? err.message;
      this.emit('connect_error', { code, message: err.data?.message ?? err.message });
      if (this.closed || s.active) return; // transport failure: socket.io retries by itself
      // Refused by the server: retry what a new token or time can fix, give up on the rest.
      if ((code === 'AUTH_EXPIRED' && this.refusals < 3) || code === 'UNAVAILABLE')
        return this.reconnectLater(backoffDelay(this.refusals++, this.opts.backoff));
      this.fail(new ClientError(code as never, err.data?.message ?? err.message));
    });
  }

  private reconnectLater(ms: number): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (!this.closed && !this.revoked && !this.socket.connected) this.socket.connect();
    }, ms);
  }

  private async onSession(session: Session): Promise<void> {
    this.session = session;
    await this.loadStore();
    // A stream seen for the first time starts at its head: history before it is REST's job.
    for (const [stream, head] of Object.entries(session.streams))
      if (this.buffer.cursor(stream) === undefined) {
        this.buffer.setCursor(stream, head);
        await this.store.save(stream, head);
      }
    await this.sync();
    if (!this.socket.connected) return;
    this.isReady = true;
    this.emit('ready', session);
    void this.flushQueue();
  }

  private async loadStore(): Promise<void> {
    if (this.storeLoaded) return;
    const stored = await this.store.load();
    for (const [stream, seq] of Object.entries(stored)) this.buffer.setCursor(stream, seq);
    this.storeLoaded = true;
  }

  private async runSync(): Promise<void> {
    do {
      this.syncAgain = false;
      const readable = Object.keys(this.session?.streams ?? {});
      const cursors: Record<string, number> = {};
      for (const [stream, seq] of Object.entries(this.buffer.cursorsSnapshot()))
        if (!readable.length || readable.includes(stream)) cursors[stream] = seq;
      const { streams } = await this.send('sync', { cursors }, {}, 'connected');
      for (const [stream, page] of Object.entries(streams)) {
        if (this.buffer.cursor(stream) === undefined) this.buffer.setCursor(stream, page.head);
        for (const env of page.events) this.buffer.push(env);
        if (page.truncated) {
          this.buffer.reset(stream, page.head);
          await this.store.remove?.(stream);
          await this.store.save(stream, page.head);
          this.emit('truncated', { stream, head: page.head });
        }
        if (page.hasMore) this.syncAgain = true;
      }
    } while (this.syncAgain && this.socket.connected);
  }

  private watchGaps(): void {
    if (this.gapTimer || !this.buffer.hasGaps()) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      if (this.buffer.hasGaps() && this.socket.connected)
        void this.sync()
          .then(() => this.watchGaps())
          .catch((e: unknown) => this.fail(e));
    }, this.opts.gapSyncDelayMs);
  }

  private async refreshToken(): Promise<void> {
    // A token that is itself about to expire makes the server warn again at once: no refresh loop.
    if (Date.now() - this.lastRefreshAt < MIN_REFRESH_INTERVAL_MS) return;
    this.lastRefreshAt = Date.now();
    try {
      const token = await this.options.getToken();
      this.emit('refreshed', await this.send('auth_refresh', { token }, {}, 'connected'));
    } catch (e) {
      this.fail(e);
    }
  }

  /** Sends queued field actions while ready: urgent ones at once, the others one by one, in order. */
  private async flushQueue(): Promise<void> {
    if (!this.queue) return;
    this.sendUrgent();
    if (this.flushing) return;
    this.flushing = true;
    try {
      let item: QueuedCommand | undefined;
      while (this.isReady && (item = this.queue.nextInOrder())) {
        await this.sendQueued(item);
        this.sendUrgent(); // a panic held behind that shift_start may go now
      }
    } finally {
      this.flushing = false;
    }
  }

  private sendUrgent(): void {
    if (this.isReady) for (const item of this.queue!.urgentWaiting()) void this.sendQueued(item);
  }

  /**
   * Sends one queued action until it is answered (removed, its promise settled) or the connection
   * is gone (it stays queued, with its clientEventId, for the next `ready`).
   */
  private async sendQueued(item: QueuedCommand): Promise<void> {
    item.sending = true;
    for (;;) {
      try {
        const data = await this.send(item.event, item.payload, {}, 'ready', true);
        this.queue!.remove(item);
        item.resolve(data);
        return;
      } catch (e) {
        const offline = e instanceof ClientError && e.code === 'OFFLINE' && !this.closed && !this.revoked;
        if (offline && this.isReady) continue; // reconnected while this attempt was failing
        if (offline) {
          item.sending = false;
          return;
        }
        this.queue!.remove(item);
        item.reject(e);
        return;
      }
    }
  }

  /**
   * One command with retries. `waitFor`: the state to wait for before each attempt. In `queued`
   * mode, losing the connection ends with OFFLINE (the item stays queued) instead of counting.
   */
  private async send<C extends CommandName>(
    name: C,
    payload: unknown,
    opts: { timeoutMs?: number; maxAttempts?: number },
    waitFor: 'ready' | 'connected',
    queued = false,
  ): Promise<AckOf<C>> {
    const timeoutMs = opts.timeoutMs ?? this.opts.ackTimeoutMs;
    const maxAttempts = opts.maxAttempts ?? this.opts.maxAttempts;
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new ClientError('CLOSED', 'Client closed');
      if (queued && !this.isReady) throw new ClientError('OFFLINE', 'Not connected', undefined, true);
      await this.waitUntil(waitFor, timeoutMs);
      let ack: Ack<AckOf<C>> | 'ACK_TIMEOUT';
      try {
        ack = (await this.socket.timeout(timeoutMs).emitWithAck(name, payload)) as Ack<AckOf<C>>;
      } catch {
        ack = 'ACK_TIMEOUT';
      }
      if (ack !== 'ACK_TIMEOUT' && ack.ok) return ack.data;
      const error =
        ack === 'ACK_TIMEOUT'
          ? new ClientError('ACK_TIMEOUT', `No ack for ${name} within ${timeoutMs} ms`, undefined, true)
          : ClientError.fromAck(ack.error);
      if (queued && ack === 'ACK_TIMEOUT' && !this.socket.connected)
        throw new ClientError('OFFLINE', 'Connection lost', undefined, true);
      const delay = retryDelay(ack === 'ACK_TIMEOUT' ? 'ACK_TIMEOUT' : ack.error, attempt, this.opts.backoff);
      if (delay === null || attempt + 1 >= maxAttempts) throw error;
      await sleep(delay);
    }
  }

  private waitUntil(state: 'ready' | 'connected', timeoutMs: number): Promise<void> {
    const ok = () => (state === 'ready' ? this.isReady : this.socket.connected);
    if (ok()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const event = state === 'ready' ? 'ready' : 'connect';
      const onUp = () => {
        clearTimeout(timer);
        if (state === 'ready') off();
        else this.socket.off('connect', onUp);
        resolve();
      };
      const off = state === 'ready' ? this.on('ready', onUp) : () => undefined;
      if (event === 'connect') this.socket.on('connect', onUp);
      const timer = setTimeout(() => {
        off();
        this.socket.off('connect', onUp);
        reject(new ClientError('OFFLINE', 'Not connected', undefined, true));
      }, timeoutMs);
    });
  }

  private fail(e: unknown): void {
    this.emit('error', e instanceof Error ? e : new Error(String(e)));
  }
}
