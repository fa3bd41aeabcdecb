import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ConsoleActions } from '../live/console-actions.js';
import type { LiveConsole } from '../live/live-console.js';
import type { Store } from '../state/store.js';

export interface ConsoleSettings {
  tileUrl: string | null;
  tileAttribution: string;
  guardStaleAfterS: number;
}
export interface ConsoleServices {
  store: Store;
  live: LiveConsole;
  actions: ConsoleActions;
  settings: ConsoleSettings;
}

export const Services = createContext<ConsoleServices | null>(null);

export function useServices(): ConsoleServices {
  const s = useContext(Services);
  if (!s) throw new Error('Services missing');
  return s;
}

export const timeOf = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '—';
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
