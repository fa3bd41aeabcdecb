/** What the cursors need of an event: its stream and its place in it. */
export interface Sequenced {
  stream: string;
  seq: number;
}

interface Cursor<E> {
  /** Last seq delivered on this node; null until the stream's starting point is known (see `follow`). */
  at: number | null;
  /** Events that arrived ahead of a gap, by seq, until the gap fills (made when first needed). */
  held?: Map<number, E>;
}

export interface Accepted<E> {
  /** Events to deliver now, in seq order. */
  ready: E[];
  /** Events of this stream are missing before some that arrived: read the log. */
  gap: boolean;
}

/**
 * The per-node, per-stream "delivered up to" cursor that makes every delivery path (the local
 * emit after commit, Redis pub/sub, the log follower) safe to combine: a seq already delivered is
 * dropped, one that arrives ahead of a gap is held until the gap fills, so the sockets of a
 * stream never see n+1 before n nor anything twice. Only followed streams (those some local
 * socket holds) have a cursor; events of other streams are nobody's here and are dropped.
 */
export class StreamCursors<E extends Sequenced> {
  private readonly cursors = new Map<string, Cursor<E>>();
  /** Followed streams whose starting point is unknown yet: few, so not found by a scan of all. */
  private readonly waiting = new Set<string>();

  /** @param maxHeld events held per stream; past that, later ones are dropped (the log has them). */
  constructor(private readonly maxHeld = 1000) {}

  /**
   * Starts following a stream from `deliveredUpTo`. Null when no socket said where it starts (a
   * room joined when a handshake's or a recheck's re-read corrects a socket; live role and site
   * changes carry heads): then the first event to arrive starts it, or the head the log follower
   * reads (`start`), whichever comes first. Events committed around the join may then be missed
   * live; the client's `sync` after `assignments_changed` brings them.
   */
  follow(stream: string, deliveredUpTo: number | null): void {
    if (this.cursors.has(stream)) return;
    this.cursors.set(stream, { at: deliveredUpTo });
    if (deliveredUpTo === null) this.waiting.add(stream);
  }

  forget(stream: string): void {
    this.cursors.delete(stream);
    this.waiting.delete(stream);
  }

  /** The cursor of a followed stream (null: not started), undefined when not followed. */
  cursorOf(stream: string): number | null | undefined {
    return this.cursors.get(stream)?.at;
  }

  /** Followed streams whose starting point is still unknown. */
  unstarted(): string[] {
    return [...this.waiting];
  }

  /** Followed, started streams and their cursors. */
  started(): [string, number][] {
    const out: [string, number][] = [];
    for (const [stream, c] of this.cursors) if (c.at !== null) out.push([stream, c.at]);
    return out;
  }

  /** Gives an unstarted stream its starting point: the head read from the log. */
  start(stream: string, head: number): void {
    const c = this.cursors.get(stream);
    if (c && c.at === null) c.at = head;
    this.waiting.delete(stream);
  }

  /**
   * Moves a cursor past seqs the log no longer has (retention pruned them): waiting for them
   * would stall the stream forever. Returns the held events that become deliverable.
   */
  skipTo(stream: string, seq: number): E[] {
    const c = this.cursors.get(stream);
    if (!c || c.at === null || seq <= c.at) return [];
    c.at = seq;
    return this.drain(c);
  }

  accept(event: E): Accepted<E> {
    const c = this.cursors.get(event.stream);
    if (!c || (c.at !== null && event.seq <= c.at)) return { ready: [], gap: false };
    if (c.at !== null && event.seq > c.at + 1) {
      c.held ??= new Map();
      if (c.held.size < this.maxHeld) c.held.set(event.seq, event);
      return { ready: [], gap: true };
    }
    if (c.at === null) this.waiting.delete(event.stream);
    c.at = event.seq;
    if (!c.held) return { ready: [event], gap: false };
    const ready = [event, ...this.drain(c)];
    return { ready, gap: !!c.held };
  }

  /** Delivers the held events that now follow the cursor, and forgets those behind it. */
  private drain(c: Cursor<E>): E[] {
    const out: E[] = [];
    const held = c.held;
    if (!held) return out;
    let next: E | undefined;
    while ((next = held.get(c.at! + 1))) {
      held.delete(next.seq);
      c.at = next.seq;
      out.push(next);
    }
    for (const seq of held.keys()) if (seq <= c.at!) held.delete(seq);
    if (!held.size) c.held = undefined;
    return out;
  }
}
