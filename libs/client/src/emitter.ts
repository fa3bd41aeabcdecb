/** A tiny typed event emitter that runs in Node and browsers alike. */
export class TypedEmitter<M extends object> {
  private readonly handlers = new Map<keyof M, Set<(data: never) => void>>();

  on<K extends keyof M>(event: K, handler: (data: M[K]) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as (data: never) => void);
    return () => this.off(event, handler);
  }

  once<K extends keyof M>(event: K, handler: (data: M[K]) => void): () => void {
    const off = this.on(event, (data) => {
      off();
      handler(data);
    });
    return off;
  }

  off<K extends keyof M>(event: K, handler: (data: M[K]) => void): void {
    this.handlers.get(event)?.delete(handler as (data: never) => void);
  }

  protected emit<K extends keyof M>(event: K, data: M[K]): void {
    const set = this.handlers.get(event);
    if (!set) return;
    for (const h of [...set]) {
      try {
        (h as (data: M[K]) => void)(data);
      } catch (err) {
        // An application handler's bug must not break the client's bookkeeping.
        console.error(`patrolshield client: handler of ${String(event)} threw`, err);
      }
    }
  }

  /** Resolves with the next `event` whose data matches, or rejects after `timeoutMs`. */
  waitFor<K extends keyof M>(
    event: K,
    match: (d: M[K]) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<M[K]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`timed out waiting for ${String(event)}`));
      }, timeoutMs);
      const off = this.on(event, (d) => {
        if (!match(d)) return;
        clearTimeout(timer);
        off();
        resolve(d);
      });
    });
  }
}
