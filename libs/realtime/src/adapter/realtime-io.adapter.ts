import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import {
  AppConfig,
  AppError,
  dropHandshakeRequest,
  ErrorCode,
  HandlerSlots,
  PrometheusMetrics,
  rootLogger,
  type CommandTally,
} from '#core';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { EMPTY, type Observable } from 'rxjs';
import type { Server, ServerOptions } from 'socket.io';
import { AuditService } from '../audit/audit.service.js';
import { CommandLanes, laneFull } from '../commands/command-lanes.js';
import {
  DEFAULT_COMMAND_POLICY,
  resolveCommandPolicy,
  type ResolvedCommandPolicy,
} from '../commands/command-policy.js';
import { CommandThrottle } from '../commands/command-throttle.js';
import { checkPayload } from '../commands/payload-guard.js';
import { RateLimitedDisconnect } from '../commands/rate-limited-disconnect.js';
import { answerWith, Responder, responderFn } from '../commands/responder.js';
import { Publisher } from '../publisher/publisher.service.js';
import { HandshakeError, HandshakeService } from '../session/handshake.service.js';
import { SessionLifecycle } from '../session/session-lifecycle.service.js';
import type { PsServer, PsSocket } from '../session/socket-session.js';
import { CLUSTER_ADAPTER, type ClusterAdapterFactory } from './cluster-adapter.js';

type MessageHandler = MessageMappingProperties;
/** A gateway handler as Nest binds it: guards, pipes, the method and the exception filter. */
type HandlerCallback = (...args: unknown[]) => unknown;
/** Nest's per-message result transform (rxjs); the fast path does without it: see `answerWith`. */
type Transform = (data: unknown) => Observable<unknown>;

const isAck = (ack: unknown): ack is (r: unknown) => void => typeof ack === 'function';

/** Large enough to answer oversize commands with PAYLOAD_TOO_LARGE; beyond it engine.io drops the socket. */
const MAX_HTTP_BUFFER = 256 * 1024;

/**
 * The socket layer's front door: handshake authentication as Socket.IO middleware, origin checks,
 * limits, the cluster adapter, and the path of every inbound command (payload guard when read,
 * lane, throttle, Nest's guards and pipes, ack).
 */
export class RealtimeIoAdapter extends IoAdapter {
  /** Slot -> that command's Prometheus counts, made when the slot is (not per command). */
  private readonly tallies: CommandTally[] = [];
  /**
   * Slot -> the command's declared policy (lane, throttle, audit) with this app's settings applied,
   * resolved when the slot is made: per message it is an array read, not a lookup by name.
   */
  private readonly policies: ResolvedCommandPolicy[] = [];
  /** Every gateway event's slot; with the fast path also every socket's handlers (docs/fast-path.md). */
  private readonly slots: HandlerSlots;
  /** FAST_PATH: false binds handlers and disconnect hooks as Nest's IoAdapter does, to compare. */
  private readonly fastPath: boolean;
  private readonly log = rootLogger().child({ context: 'socket' });
  private readonly lanes = new CommandLanes();
  // Resolved once the server is made (installLifecycle), not per command.
  private audit!: AuditService;
  private throttle!: CommandThrottle;
  private overLimit!: RateLimitedDisconnect;

  constructor(private readonly app: INestApplicationContext) {
    super(app);
    this.fastPath = app.get(AppConfig).FAST_PATH === 'on';
    const metrics = app.get(PrometheusMetrics);
    const config = app.get(AppConfig);
    this.slots = new HandlerSlots((message, slot) => {
      this.tallies[slot] = metrics.command(message);
      this.policies[slot] = resolveCommandPolicy(message, config);
    });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const config = this.app.get(AppConfig);
    const anyOrigin = config.CORS_ORIGINS.includes('*');
    const server = super.createIOServer(port, {
      ...options,
      path: '/socket.io',
      transports: ['polling', 'websocket'],
      maxHttpBufferSize: MAX_HTTP_BUFFER,
      connectTimeout: 5000,
      cors: { origin: anyOrigin ? true : config.CORS_ORIGINS, credentials: true },
      // Socket.IO's cors option covers polling only; this check covers the websocket upgrade too.
      allowRequest: (req, callback) => {
        const origin = req.headers.origin;
        callback(null, anyOrigin || !origin || config.CORS_ORIGINS.includes(origin));
      },
    } as ServerOptions) as unknown as PsServer;
    const clusterFactory = this.app.get<ClusterAdapterFactory>(CLUSTER_ADAPTER);
    const clustered = clusterFactory.install(server);
    this.app.get(Publisher).attach(server, clustered);
    const metrics = this.app.get(PrometheusMetrics);
    metrics.countSocketsWith(() => server.of('/').sockets.size);
    this.installHandshake(server);
    this.installLifecycle(server, metrics.command('(unknown)'));
    return server as Server;
  }

  /**
   * Runs once the Socket.IO servers are closed (their sockets' `disconnect` audit rows are buffered
   * by then) and before the database closes in the shutdown hooks: without this flush the last
   * rows, including every disconnect caused by the shutdown, were lost.
   */
  override async dispose(): Promise<void> {
    await super.dispose();
    await this.app.get(AuditService).flush();
  }

  private installHandshake(server: PsServer): void {
    const handshake = this.app.get(HandshakeService);
    const audit = this.app.get(AuditService);
    server.use((socket, next) => {
      handshake.authenticate(socket).then(
        (session) => {
          socket.data = session;
          next();
        },
        (err: unknown) => {
          const refusal = err instanceof HandshakeError ? err : null;
          if (!refusal) this.log.error({ err }, 'handshake failed');
          audit.record({
            userId: refusal?.userId,
            socketId: socket.id,
            remote: handshake.remoteOf(socket),
            event: 'connect',
            result: 'refused',
            code: refusal?.code ?? 'UNAVAILABLE',
          });
          if (refusal) return next(refusal);
          const unavailable = Object.assign(new Error('UNAVAILABLE'), {
            data: { code: 'UNAVAILABLE', message: 'Server cannot authenticate right now, retry later' },
          });
          next(unavailable);
        },
      );
    });
  }

  private installLifecycle(server: PsServer, unknownCommand: CommandTally): void {
    const lifecycle = this.app.get(SessionLifecycle);
    const audit = (this.audit = this.app.get(AuditService));
    const throttle = (this.throttle = this.app.get(CommandThrottle));
    const overLimit = (this.overLimit = this.app.get(RateLimitedDisconnect));
    server.on('connection', (socket) => {
      lifecycle.onConnect(socket);
      if (this.fastPath) dropHandshakeRequest(socket);
      socket.onAny((rawEvent: unknown, ...args: unknown[]) => {
        // The parser also accepts numeric event names: normalise before anything string-like.
        const event = String(rawEvent);
        const slot = this.slots.slotOf(event);
        // Without the fast path, Nest's own listener per event receives the gateways' events.
        if (!this.fastPath && slot !== undefined) return;
        const ack =
          typeof args[args.length - 1] === 'function' ? (args.pop() as (r: unknown) => void) : undefined;
        const callback = slot === undefined ? undefined : this.slots.callbackOf(socket, slot);
        if (callback) {
          const payload = args.length === 1 ? args[0] : args.length === 0 ? undefined : args;
          return this.receive(socket, event, slot!, payload, ack, callback);
        }
        // One label for every unknown name: a client must not be able to add time series.
        const responder = new Responder(
          socket,
          event.slice(0, 64),
          undefined,
          ack,
          audit,
          unknownCommand,
          DEFAULT_COMMAND_POLICY,
          overLimit,
        );
        // Unknown events count against the user's budget too: each one costs an answer and an audit row.
        // a promise either way (a synchronous throw becomes its rejection, answered below)
        void new Promise<AppError | null>((resolve) =>
          resolve(throttle.check(socket, event, DEFAULT_COMMAND_POLICY)),
        ).then(
          (refused) => void responder.fail(refused ?? new AppError(ErrorCode.UNKNOWN_EVENT, 'Unknown event')),
          (err: unknown) => void responder.fail(err),
        );
      });
    });
  }

  /**
   * A gateway command read off a socket: payload guard when read, its lane, then `dispatch`
   * (throttle, Nest's guards and pipes, the handler, the ack).
   */
  private receive(
    socket: PsSocket,
    event: string,
    slot: number,
    payload: unknown,
    ack: ((r: unknown) => void) | undefined,
    callback: HandlerCallback,
  ): void {
    const policy = this.policies[slot];
    const responder = new Responder(
      socket,
      event,
      payload,
      ack,
      this.audit,
      this.tallies[slot],
      policy,
      this.overLimit,
    );
    // Checked when read: a payload refused anyway is answered now instead of held in a lane.
    const badPayload = checkPayload(payload);
    const run = () => void this.dispatch(socket, responder, payload, callback, this.throttle, badPayload);
    if (badPayload) return run();
    if (!this.lanes.submit(socket, policy.lane, run)) responder.fail(laneFull());
  }

  /**
   * Called by Nest per gateway per socket. Fast path: the handlers are only recorded and the onAny
   * listener dispatches; Nest's `transform` (an rxjs chain per message) is not kept: `answerWith`
   * does its job. Without it, Nest's own binding runs, each event into `receive` all the same.
   */
  override bindMessageHandlers(socket: PsSocket, handlers: MessageHandler[], transform: Transform): void {
    if (this.fastPath) return this.slots.bind(socket, handlers);
    const received = handlers.map((handler): MessageHandler => {
      const slot = this.slots.register(handler.message as string);
      const receive = (payload: unknown, ack: unknown) => {
        this.receive(
          socket,
          handler.message as string,
          slot,
          payload,
          isAck(ack) ? ack : undefined,
          handler.callback,
        );
        return EMPTY; // the Responder answers the ack
      };
      return { ...handler, callback: receive, isAckHandledManually: true };
    });
    super.bindMessageHandlers(socket, received, transform);
  }

  /** Fast path: one `disconnect` listener per socket for every gateway's hook (Nest adds one per gateway). */
  override bindClientDisconnect(socket: PsSocket, callback: (reason: string) => void): void {
    if (this.fastPath) this.slots.bindDisconnect(socket, callback);
    else super.bindClientDisconnect(socket, callback);
  }

  private async dispatch(
    socket: PsSocket,
    responder: Responder,
    payload: unknown,
    callback: HandlerCallback,
    throttle: CommandThrottle,
    badPayload: AppError | null,
  ): Promise<void> {
    try {
      // A command that waited in a lane may find its socket gone: the client retries it on its
      // next connection (with the same clientEventId), so it must not also take effect here.
      if (!socket.connected)
        return void responder.fail(new AppError(ErrorCode.UNAVAILABLE, 'The connection closed first'));
      // Budget first: refused payloads cost an answer and an audit row as well, so they count.
      const budget = throttle.check(socket, responder.event, responder.policy);
      const refused = (budget instanceof Promise ? await budget : budget) ?? badPayload;
      if (refused) return void responder.fail(refused);
      // Nest's handler: guards, pipes, the method and the exception filter (which answers failures).
      answerWith(responder, await callback(payload, responderFn(responder)));
    } catch (err) {
      this.log.error({ err, event: responder.event }, 'command dispatch failed');
      responder.fail(err);
    }
  }
}
