/** A change to live sessions that every node applies to its own sockets (table session_controls). */
export interface SessionControl {
  /** The row id; `local:<uuid>` when the row could not be written (applied here and over Redis only). */
  id: string;
  kind: 'revoke' | 'membership' | 'site_created';
  userId: string | null;
  data: Record<string, unknown>;
  /** When it was recorded (ms since the epoch, the database's clock). */
  createdAt: number;
}

/**
 * Which controls this node applied: each at most once whichever path brought it (the local call,
 * Redis, the log), and a user's membership change never after a later one of the same user (the
 * later one carries the whole new state).
 */
export class ControlLedger {
  private readonly applied = new Map<string, number>();
  private readonly latestMembership = new Map<string, number>();

  /** True when the control is to be applied now; remembers it either way. */
  admit(c: SessionControl): boolean {
    if (this.applied.has(c.id)) return false;
    this.applied.set(c.id, c.createdAt);
    if (c.kind !== 'membership' || !c.userId) return true;
    const order = Number(c.id);
    if (!Number.isSafeInteger(order)) return true;
    const latest = this.latestMembership.get(c.userId);
    if (latest !== undefined && order < latest) return false;
    this.latestMembership.set(c.userId, order);
    return true;
  }

  /** Forgets controls recorded before `cutoff` (ms): the log is no longer read that far back. */
  prune(cutoff: number): void {
    for (const [id, at] of this.applied) if (at < cutoff) this.applied.delete(id);
    if (this.latestMembership.size > 10_000) this.latestMembership.clear();
  }
}
