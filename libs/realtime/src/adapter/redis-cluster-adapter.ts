import { createAdapter } from '@socket.io/redis-adapter';
import type { RedisConnections } from '#core';
import type { PsServer } from '../session/socket-session.js';
import type { ClusterAdapterFactory } from './cluster-adapter.js';

/**
 * Several nodes: the official @socket.io/redis-adapter (classic pub/sub) carries room broadcasts,
 * socketsJoin/socketsLeave/disconnectSockets, fetchSockets and serverSideEmit with acknowledgements
 * between nodes. Broadcasts reach local sockets first, so a node keeps serving its own sockets
 * while Redis is down; clients catch up on cross-node events through `sync`.
 */
export class RedisClusterAdapter implements ClusterAdapterFactory {
  /**
   * @param requestsTimeoutMs how long a node waits for the others' answers; longer than the panic
   * receipt window, since each node answers a receipt request only once its own window closed.
   */
  constructor(
    private readonly redis: RedisConnections,
    private readonly requestsTimeoutMs: number,
  ) {}

  install(server: PsServer): boolean {
    const { pub, sub } = this.redis.pubSubPair();
    server.adapter(
      createAdapter(pub, sub, {
        key: `${this.redis.prefix}:socket.io`,
        requestsTimeout: this.requestsTimeoutMs,
      }) as never,
    );
    return true;
  }
}
