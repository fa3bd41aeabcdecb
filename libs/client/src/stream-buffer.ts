import type { Envelope } from '#contract';

/**
 * Turns at-least-once, possibly out-of-order delivery (live broadcasts plus `sync` pages) into
 * exactly-once, in-order delivery per stream:
 * - per stream, an event is delivered only when its seq is cursor + 1; later ones wait in a buffer
 *   until the gap is filled (by a late live event or by sync);
 * - the same event id published on several streams reaches the application once.
 * Pure logic: no sockets, no timers. The client asks `hasGaps()` and syncs when it stays true.
 */
export class StreamBuffer {
  private readonly cursors = new Map<string, number>();
  private readonly pending = new Map<string, Map<number, Envelope>>();
  private readonly delivered = new Set<string>();
  private readonly deliveredOrder: string[] = [];

  constructor(
    private readonly deliver: (env: Envelope) => void,
    private readonly onCursor: (stream: string, seq: number) => void = () => undefined,
    /** How many delivered event ids to remember for cross-stream dedupe. */
    private readonly rememberIds = 20_000,
  ) {}

  cursor(stream: string): number | undefined {
    return this.cursors.get(stream);
  }

  cursorsSnapshot(): Record<string, number> {
    return Object.fromEntries(this.cursors);
  }

  /** Sets where a stream starts (stored cursor, or the head of a stream seen for the first time). */
  setCursor(stream: string, seq: number): void {
    const current = this.cursors.get(stream);
    if (current !== undefined && current >= seq) return;
    this.cursors.set(stream, seq);
    this.drop(stream, seq);
    this.drain(stream);
  }

  /** Forgets a stream's position (truncated history) and jumps to `head`. */
  reset(stream: string, head: number): void {
    this.cursors.set(stream, head);
    this.drop(stream, head);
    this.drain(stream);
  }

  /** Feeds one envelope from anywhere (live or sync); returns true when it was delivered now. */
  push(env: Envelope): boolean {
    let cursor = this.cursors.get(env.stream);
    if (cursor === undefined) {
      // A stream we knew nothing of (e.g. a new assignment): start at this event.
      cursor = env.seq - 1;
      this.cursors.set(env.stream, cursor);
    }
    if (env.seq <= cursor) return false;
    if (env.seq > cursor + 1) {
      let buf = this.pending.get(env.stream);
      if (!buf) this.pending.set(env.stream, (buf = new Map()));
      buf.set(env.seq, env);
      return false;
    }
    this.advance(env);
    this.drain(env.stream);
    return true;
  }

  /** Streams with buffered events waiting for a missing seq. */
  gaps(): string[] {
    return [...this.pending].filter(([, buf]) => buf.size > 0).map(([s]) => s);
  }

  hasGaps(): boolean {
    return this.gaps().length > 0;
  }

  private advance(env: Envelope): void {
    this.cursors.set(env.stream, env.seq);
    if (!this.delivered.has(env.id)) {
      this.remember(env.id);
      this.deliver(env);
    }
    this.onCursor(env.stream, env.seq);
  }

  private drain(stream: string): void {
    const buf = this.pending.get(stream);
    if (!buf) return;
    for (;;) {
      const next = buf.get((this.cursors.get(stream) ?? 0) + 1);
      if (!next) break;
      buf.delete(next.seq);
      this.advance(next);
    }
    if (!buf.size) this.pending.delete(stream);
  }

  private drop(stream: string, upTo: number): void {
    const buf = this.pending.get(stream);
    if (!buf) return;
    for (const seq of buf.keys()) if (seq <= upTo) buf.delete(seq);
  }

  private remember(id: string): void {
    this.delivered.add(id);
    this.deliveredOrder.push(id);
    if (this.deliveredOrder.length > this.rememberIds) this.delivered.delete(this.deliveredOrder.shift()!);
  }
}
