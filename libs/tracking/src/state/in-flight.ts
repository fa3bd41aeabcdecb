/** Concurrent asks for one key share one read: the first starts it, the others wait for it. */
export class InFlight<K, V> {
  private readonly pending = new Map<K, Promise<V>>();

  run(key: K, read: () => Promise<V>): Promise<V> {
    let shared = this.pending.get(key);
    if (!shared) {
      shared = read().finally(() => this.pending.delete(key));
      this.pending.set(key, shared);
    }
    return shared;
  }

  has(key: K): boolean {
    return this.pending.has(key);
  }
}
