import { useEffect, useState } from 'preact/hooks';
import { initialState, type ConsoleState } from './console-state.js';

/** One observable state: the live connection writes it, components read it. */
export class Store {
  private state: ConsoleState = initialState();
  private readonly listeners = new Set<(s: ConsoleState) => void>();

  get(): ConsoleState {
    return this.state;
  }

  update(change: (s: ConsoleState) => ConsoleState): void {
    const next = change(this.state);
    if (next === this.state) return;
    this.state = next;
    for (const l of [...this.listeners]) l(next);
  }

  reset(): void {
    this.update(() => initialState());
  }

  subscribe(listener: (s: ConsoleState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Re-renders the component whenever the state changes. */
export function useConsoleState(store: Store): ConsoleState {
  const [state, setState] = useState(store.get());
  useEffect(() => {
    setState(store.get());
    return store.subscribe(setState);
  }, [store]);
  return state;
}
