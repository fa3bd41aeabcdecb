import type { Envelope } from '#client';
import { applyEvent, type ConsoleState } from '../state/console-state.js';
import type { Store } from '../state/store.js';

type Change = (s: ConsoleState) => ConsoleState;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Reads (join_site snapshots, REST pages) whose result replaces part of the state. An event that
 * arrives while one is in flight may be newer than the result: it is applied again on top.
 */
export class OrderedLoads {
  private inFlight = 0;
  private overtaking: Envelope[] = [];

  constructor(private readonly store: Store) {}

  /** Every live or replayed event, as it is applied. */
  seen(env: Envelope): void {
    if (this.inFlight) this.overtaking.push(env);
  }

  /** Applies the read's result then the events that overtook it; a failure is shown in `field`. */
  async run(read: () => Promise<Change>, field: 'error' | 'messagesError' = 'error'): Promise<void> {
    this.inFlight++;
    try {
      const change = await read();
      const overtaking = this.overtaking;
      this.store.update((s) => overtaking.reduce(applyEvent, { ...change(s), [field]: null }));
    } catch (e) {
      this.store.update((s) => ({ ...s, [field]: message(e) }));
    } finally {
      if (--this.inFlight === 0) this.overtaking = [];
    }
  }
}
