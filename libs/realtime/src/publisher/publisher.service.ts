import { Injectable } from '@nestjs/common';
import { PrometheusMetrics, rootLogger } from '#core';
import type { Envelope } from '../contract/envelope.js';
import { Rooms } from '../contract/rooms.js';
import type { PsServer, PsSocket } from '../session/socket-session.js';

const RECEIPTS = 'ps:deliver-with-receipts';

/**
 * The one place that talks to rooms. Durable envelopes go to the room named by their stream;
 * ephemeral events to whatever rooms they target. Cluster-wide through the Socket.IO adapter.
 */
@Injectable()
export class Publisher {
  private server?: PsServer;
  private clustered = false;
  private readonly log = rootLogger().child({ context: 'publisher' });
  private readonly controlHandlers: [string, (...args: unknown[]) => void][] = [];

  constructor(private readonly metrics: PrometheusMetrics) {}

  attach(server: PsServer, clustered: boolean): void {
    this.server = server;
    this.clustered = clustered;
    for (const [event, handler] of this.controlHandlers) server.on(event as never, handler as never);
    if (clustered)
      server.on(
        RECEIPTS as never,
        ((env: Envelope, timeoutMs: number, reply: (ids: string[]) => void) => {
          void this.deliverLocally(env, timeoutMs).then(reply);
        }) as never,
      );
  }

  get io(): PsServer {
    if (!this.server) throw new Error('Socket.IO server not attached yet');
    return this.server;
  }

  /** Broadcasts stored envelopes to their stream rooms, in the order given. */
  publish(envelopes: Envelope[]): void {
    if (!this.server) return;
    for (const env of envelopes) {
      this.server.to(env.stream).emit(env.type, env);
      this.metrics.eventPublished(env.type);
    }
  }

  /** An ephemeral event (no seq, not replayed) to rooms. */
  emitTo(rooms: string | string[], event: string, data: unknown): void {
    this.server?.to(rooms).emit(event, data);
  }

  /** An ephemeral event to rooms, except the sockets also in `except` (e.g. the sender's own). */
  emitToExcept(rooms: string | string[], except: string, event: string, data: unknown): void {
    this.server?.to(rooms).except(except).emit(event, data);
  }

  emitToUser(userId: string, event: string, data: unknown): void {
    this.emitTo(Rooms.user(userId), event, data);
  }

  /**
   * Delivers an envelope to its room with a per-socket acknowledgement and resolves with the user
   * ids whose devices confirmed receipt within the timeout, gathered from every node.
   */
  async publishWithReceipts(env: Envelope, timeoutMs: number): Promise<string[]> {
    this.metrics.eventPublished(env.type);
    const local = this.deliverLocally(env, timeoutMs);
    if (!this.clustered || !this.server) return local;
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

  private async deliverLocally(env: Envelope, timeoutMs: number): Promise<string[]> {
    if (!this.server) return [];
    const sockets = await this.server.in(env.stream).local.fetchSockets();
    const confirmations = sockets.map(
      (s) =>
        new Promise<string | null>((resolve) => {
          s.timeout(timeoutMs).emit(env.type, env, (err: unknown) =>
            resolve(err ? null : s.data.principal.userId),
          );
        }),
    );
    const ids = (await Promise.all(confirmations)).filter((x): x is string => x !== null);
    return [...new Set(ids)];
  }

  /** Moves every socket of a user (on every node) between rooms. */
  moveUser(userId: string, leave: string[], join: string[]): void {
    if (!this.server) return;
    const room = Rooms.user(userId);
    if (leave.length) this.server.in(room).socketsLeave(leave);
    if (join.length) this.server.in(room).socketsJoin(join);
  }

  joinSocket(socket: PsSocket, rooms: string[]): void {
    void socket.join(rooms);
  }

  leaveSocket(socket: PsSocket, rooms: string[]): void {
    for (const r of rooms) void socket.leave(r);
  }

  joinRoomsWhere(selector: string, rooms: string[]): void {
    this.server?.in(selector).socketsJoin(rooms);
  }

  /** Tells a user's sockets why, then cuts them, on every node. */
  disconnectUser(userId: string, event: string, data: unknown): void {
    if (!this.server) return;
    const room = Rooms.user(userId);
    this.server.to(room).emit(event, data);
    // close=false sends a DISCONNECT packet: the client sees "io server disconnect" and does not
    // retry on its own (it must log in again), unlike a transport close which it would retry.
    this.server.in(room).disconnectSockets(false);
    this.log.info({ userId, event }, 'user sockets disconnected');
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
