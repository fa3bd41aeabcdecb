import type { DurableEventName } from '#contract';

/** Which events a channel takes: pure rules, no I/O. */
export const CHANNEL_KINDS = ['webhook', 'email', 'webpush', 'fcm'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const DEVICE_KINDS = ['webpush', 'fcm'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export const isDeviceKind = (k: string): k is DeviceKind => (DEVICE_KINDS as readonly string[]).includes(k);

/**
 * The safety events a channel may subscribe to, the panic's later states (for integrations) and
 * `backup_requested` (a device channel with the guard role wakes the nearby guards' phones).
 */
export const NOTIFIABLE_EVENTS = [
  'panic_alert',
  'panic_escalated',
  'panic_acknowledged',
  'panic_resolved',
  'site_unwatched',
  'guard_stale',
  'shift_missed',
  'backup_requested',
] as const satisfies readonly DurableEventName[];
export type NotifiableEvent = (typeof NOTIFIABLE_EVENTS)[number];
export const isNotifiable = (t: string): t is NotifiableEvent =>
  (NOTIFIABLE_EVENTS as readonly string[]).includes(t);

/** Events that reach someone about a panic: a channel with one of them covers panics. */
export const PANIC_EVENTS: readonly string[] = [
  'panic_alert',
  'panic_escalated',
] satisfies readonly DurableEventName[];

export interface ChannelRule {
  kind: ChannelKind;
  siteIds: string[] | null;
  events: string[];
  minLevel: number;
}

export interface EventFacts {
  type: string;
  siteId: string | null;
  /** Escalation level of panic events (panic_alert is 1); undefined for other events. */
  level?: number;
}

/** The escalation level an envelope speaks of: panic_alert is level 1, panic_escalated carries it. */
export function eventLevel(type: string, data: unknown): number | undefined {
  if (type === 'panic_alert') return 1;
  const d = data as { level?: unknown; panic?: { escalationLevel?: unknown } } | null;
  if (type === 'panic_escalated' && typeof d?.level === 'number') return d.level;
  const l = d?.panic?.escalationLevel;
  return typeof l === 'number' ? l : undefined;
}

/** A channel takes an event of its types, for its sites (null: all), at or above its minimum level. */
export function channelTakes(c: ChannelRule, e: EventFacts): boolean {
  if (!c.events.includes(e.type)) return false;
  if (c.siteIds && (!e.siteId || !c.siteIds.includes(e.siteId))) return false;
  if (e.level !== undefined && e.level < c.minLevel) return false;
  return true;
}
