/** One pending deadline: `key` is due at `at` (epoch ms). */
export interface Deadline {
  readonly at: number;
  readonly key: string;
}

/**
 * Deadlines ordered by time (a binary min-heap), so that one timer can serve every socket of a node:
 * a timer per socket per deadline cost a Timeout, a closure and its context each, and Node keeps a
 * timer list per distinct duration. Entries are never removed early: the owner checks on `popDue`
 * whether an entry still stands (a refreshed token or a closed socket makes it stale) and `retain`
 * drops stale ones in bulk, so an entry holds only its key, never the socket.
 */
export class DeadlineHeap {
  private items: Deadline[] = [];

  get size(): number {
    return this.items.length;
  }

  /** The earliest deadline, if any. */
  peek(): Deadline | undefined {
    return this.items[0];
  }

  push(at: number, key: string): void {
    const items = this.items;
    items.push({ at, key });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent].at <= at) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  /** Removes and returns every deadline due at or before `now`, earliest first. */
  popDue(now: number): Deadline[] {
    const due: Deadline[] = [];
    while (this.items.length && this.items[0].at <= now) due.push(this.pop());
    return due;
  }

  /** Keeps only the deadlines `stands` accepts. */
  retain(stands: (d: Deadline) => boolean): void {
    const kept = this.items.filter(stands);
    this.items = [];
    for (const d of kept.sort((a, b) => a.at - b.at)) this.items.push(d); // a sorted array is a heap
  }

  private pop(): Deadline {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let least = i;
        if (l < items.length && items[l].at < items[least].at) least = l;
        if (r < items.length && items[r].at < items[least].at) least = r;
        if (least === i) break;
        [items[i], items[least]] = [items[least], items[i]];
        i = least;
      }
    }
    return top;
  }
}
