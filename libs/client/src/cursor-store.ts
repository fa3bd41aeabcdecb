/**
 * Where the client keeps its last seen seq per durable stream between (re)connects and, with a
 * persistent implementation (IndexedDB, SQLite, a file), between app launches.
 */
export interface CursorStore {
  load(): Promise<Record<string, number>> | Record<string, number>;
  save(stream: string, seq: number): Promise<void> | void;
  /** Forgets a stream (truncated history: the app reloads state over REST). */
  remove?(stream: string): Promise<void> | void;
}

export class MemoryCursorStore implements CursorStore {
  private readonly cursors = new Map<string, number>();

  constructor(initial: Record<string, number> = {}) {
    for (const [k, v] of Object.entries(initial)) this.cursors.set(k, v);
  }

  load(): Record<string, number> {
    return Object.fromEntries(this.cursors);
  }

  save(stream: string, seq: number): void {
    if ((this.cursors.get(stream) ?? -1) < seq) this.cursors.set(stream, seq);
  }

  remove(stream: string): void {
    this.cursors.delete(stream);
  }
}
