export interface PresenceStatus {
  status: 'online' | 'offline';
  since: string | null;
}

/**
 * Who has sockets where. Memory on one node; Redis with several, so "online while any node has a
 * socket of the user" holds cluster-wide. Each transition is reported to exactly one caller.
 */
export interface PresenceStore {
  /** Adds a socket; true when this call moved the user from offline to online. */
  add(userId: string, socketId: string, at: string): Promise<boolean>;
  /** Removes a socket; resolves with how many sockets of the user remain anywhere. */
  remove(userId: string, socketId: string): Promise<number>;
  /** After the grace period: true when this call moved the user from online to offline. */
  markOfflineIfIdle(userId: string, at: string): Promise<boolean>;
  statuses(userIds: string[]): Promise<Map<string, PresenceStatus>>;
  /** Users whose sockets lived on nodes that died (Redis only); their offline grace starts now. */
  sweepDeadNodes?(): Promise<string[]>;
  heartbeat?(): Promise<void>;
}

export class MemoryPresenceStore implements PresenceStore {
  private readonly sockets = new Map<string, Set<string>>();
  private readonly status = new Map<string, PresenceStatus>();

  async add(userId: string, socketId: string, at: string): Promise<boolean> {
    const set = this.sockets.get(userId) ?? new Set<string>();
    set.add(socketId);
    this.sockets.set(userId, set);
    if (this.status.get(userId)?.status === 'online') return false;
    this.status.set(userId, { status: 'online', since: at });
    return true;
  }

  async remove(userId: string, socketId: string): Promise<number> {
    const set = this.sockets.get(userId);
    set?.delete(socketId);
    if (set && !set.size) this.sockets.delete(userId);
    return set?.size ?? 0;
  }

  async markOfflineIfIdle(userId: string, at: string): Promise<boolean> {
    if (this.sockets.get(userId)?.size || this.status.get(userId)?.status !== 'online') return false;
    this.status.set(userId, { status: 'offline', since: at });
    return true;
  }

  async statuses(userIds: string[]): Promise<Map<string, PresenceStatus>> {
    return new Map(userIds.map((id) => [id, this.status.get(id) ?? { status: 'offline', since: null }]));
  }
}
