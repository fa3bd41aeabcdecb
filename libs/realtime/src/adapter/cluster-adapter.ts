import type { PsServer } from '../session/socket-session.js';

/**
 * Installs the Socket.IO adapter that carries broadcasts and room changes between nodes.
 * One node: nothing to install (in-memory adapter). Returns whether the server is clustered.
 */
export interface ClusterAdapterFactory {
  install(server: PsServer): boolean;
}
export const CLUSTER_ADAPTER = Symbol('CLUSTER_ADAPTER');

export class InMemoryClusterAdapter implements ClusterAdapterFactory {
  install(): boolean {
    return false;
  }
}
