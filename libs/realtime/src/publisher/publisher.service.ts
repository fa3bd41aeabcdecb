import { Injectable } from '@nestjs/common';
import type { EphemeralEventName, EphemeralEvents } from '#contract';
import { PrometheusMetrics, RedisConnections } from '#core';
import type { Envelope } from '../contract/envelope.js';
import { Rooms } from '../contract/rooms.js';
import { DurableDelivery } from '../delivery/durable-delivery.service.js';
import type { PsServer, PsSocket } from '../session/socket-session.js';

const RECEIPTS = 'ps:deliver-with-receipts';
const DURABLE = 'ps:durable';

/**
 * The one place that talks to rooms. Durable envelopes go to the room named by their stream,
 * through each node's DurableDelivery (in seq order, once): this node's at once, the other nodes'
 * over Redis as a fast path, which their log followers make certain. Ephemeral events go to
 * whatever rooms they target, cluster-wide through the Socket.IO adapter.
 */
@Injectable()
export class Publisher {
  private server?: PsServer;
  private clustered = false;
  private readonly controlHandlers: [string, (...args: unknown[]) => void][] = [];

  constructor(
    private readonly delivery: DurableDelivery,
    private readonly redis: RedisConnections,
    private readonly metrics: PrometheusMetrics,
  ) {}

  attach(server: PsServer, clustered: boolean): void {
    this.server = server;
    this.clustered = clustered;
    this.delivery.attach(server);
    for (const [event, handler] of this.controlHandlers) server.on(event as never, handler as never);
    if (!clustered) return;
    server.on(DURABLE as never, ((envelopes: Envelope[]) => this.delivery.accept(envelopes)) as never);
    server.on(
      RECEIPTS as never,
      ((env: Envelope, timeoutMs: number, reply: (ids: string[]) => void) => {
        void this.delivery.withReceipts(env, timeoutMs).then(reply);
      }) as never,
    );
  }

  /** The Socket.IO server once attached, else undefined. */
  get attached(): PsServer | undefined {
    return this.server;
  }

  get io(): PsServer {
    if (!this.server) throw new Error('Socket.IO server not attached yet');
    return this.server;
  }

  /** Delivers stored envelopes to their stream rooms on every node (see DurableDelivery). */
  publish(envelopes: Envelope[]): void {
    if (!this.server || !envelopes.length) return;
    for (const env of envelopes) this.metrics.eventPublished(env.type);
    this.delivery.accept(envelopes);
    // While Redis is down the other nodes read these from the log; queueing them for Redis's return
    // would only grow memory and deliver duplicates late.
    if (this.redis.reachable) this.toOtherNodes(DURABLE, envelopes);
  }

  /** An ephemeral event (no seq, not replayed) to rooms; name and data are checked by the contract. */
  emitTo<E extends EphemeralEventName>(rooms: string | string[], event: E, data: EphemeralEvents[E]): void {
    this.server?.to(rooms).emit(event as EphemeralEventName, data as never);
  }

  /** An ephemeral event to rooms, except the sockets also in `except` (e.g. the sender's own). */
  emitToExcept<E extends EphemeralEventName>(
    rooms: string | string[],
    except: string,
    event: E,
    data: EphemeralEvents[E],
  ): void {
    this.server
      ?.to(rooms)
      .except(except)
      .emit(event as EphemeralEventName, data as never);
  }

  emitToUser<E extends EphemeralEventName>(userId: string, event: E, data: EphemeralEvents[E]): void {
    this.emitTo(Rooms.user(userId), event, data);
  }

  /**
   * Delivers an envelope to its room with a per-socket acknowledgement and resolves with the user
   * ids whose devices confirmed receipt within the timeout, gathered from every node.
   */
  async publishWithReceipts(env: Envelope, timeoutMs: number): Promise<string[]> {
    this.metrics.eventPublished(env.type);
    const local = this.delivery.withReceipts(env, timeoutMs);
    // While Redis is down a request would wait in the client's offline queue and reach the other
    // nodes after the window, resending an old panic behind newer events: their staff get it from
    // the log, and the receipt backstop escalates what nobody here could confirm.
    if (!this.clustered || !this.server || !this.redis.reachable) return local;
    // Every node answers after its own receipt window; if the cluster (Redis) cannot answer, the
    // remote part gives up shortly after that window instead of hanging the delivery record.
    const remote = new Promise<string[]>((resolve) => {
      const giveUp = setTimeout(() => resolve([]), timeoutMs + 2000);
      this.server!.serverSideEmit(
        RECEIPTS as never,
        env as never,
        timeoutMs as never,
        ((_err: unknown, replies: string[][] = []) => {
          clearTimeout(giveUp);
          resolve(replies.flat());
        }) as never,
      );
    });
    const all = await Promise.all([local, remote]);
    return [...new Set(all.flat())];
  }

  joinSocket(socket: PsSocket, rooms: string[]): void {
    void socket.join(rooms);
  }

  leaveSocket(socket: PsSocket, rooms: string[]): void {
    for (const r of rooms) void socket.leave(r);
  }

  /**
   * Node shutdown: tells this node's sockets to reconnect (to another node behind the proxy) and
   * closes their transports, which clients retry automatically.
   */
  releaseLocalSockets(): void {
    if (!this.server) return;
    this.server.local.emit('server_shutdown', { reconnect: true });
    // Not disconnectSockets(true): that sends a DISCONNECT packet first ("io server disconnect"),
    // which socket.io clients never retry. Closing the transport alone reads as "transport close".
    for (const socket of this.server.of('/').sockets.values()) socket.conn.close();
  }

  /** Listens for control messages from other nodes (works before or after attach). */
  onControl(event: string, handler: (...args: unknown[]) => void): void {
    this.controlHandlers.push([event, handler]);
    this.server?.on(event as never, handler as never);
  }

  /** Sends a control message to every other node (no-op on one node). */
  toOtherNodes(event: string, ...args: unknown[]): void {
    if (this.clustered) this.server?.serverSideEmit(event as never, ...(args as never[]));
  }
}
