/**
 * Runs tasks with the same key one after another, in arrival order (different keys in parallel).
 * Membership changes of one user go through it so their room moves leave this node in commit
 * order; the row lock in the transaction orders them against other nodes.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // forget the key once nothing is queued behind this task (the map holds only busy keys)
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running (for tests). */
  get busyKeys(): number {
    return this.tails.size;
  }
}
