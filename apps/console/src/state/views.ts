import type { DurableEventName } from '#client';

/**
 * What the console shows, as the server sends it (docs/protocol.md sections 4, 5 and 9). Open records:
 * the server may add fields; the console reads only these.
 */
export interface UserRef {
  id: string;
  name: string;
}
export interface SiteView {
  id: string;
  name: string;
  geofence:
    | { center: { lat: number; lng: number }; radiusM: number }
    | { type: 'Polygon'; coordinates: number[][][] };
}
export interface Position {
  lat: number;
  lng: number;
  recordedAt: string;
}
export interface GuardView {
  userId: string;
  name: string | null;
  position: Position | null;
  /** A guard_stale event since the last fix. */
  staleReported: boolean;
}
export interface PanicView {
  id: string;
  siteId: string;
  type: string;
  /** RAISED, ACKNOWLEDGED or RESOLVED. */
  status: string;
  guard: UserRef;
  location: { lat: number; lng: number; accuracy?: number | null } | null;
  raisedAt: string;
  escalationLevel: number;
  acknowledgedBy?: UserRef | null;
}
export interface IncidentView {
  id: string;
  siteId: string;
  type: string;
  priority: string;
  status: string;
  title: string;
  assignee: UserRef | null;
  occurredAt: string;
}
export interface PatrolRunView {
  id: string;
  siteId: string;
  guardId: string;
  routeName: string;
  status: string;
  progress: { scanned: number; total: number };
  nextScanDueBy: string | null;
  dueBy: string;
  overdue: boolean;
}
export interface ScheduledShiftView {
  id: string;
  guardName: string;
  siteId: string;
  startsAt: string;
  endsAt: string;
}
export const ALERT_TYPES = [
  'guard_stale',
  'site_unwatched',
  'geofence_breach',
  'shift_missed',
  'patrol_timeout',
] as const satisfies readonly DurableEventName[];
export type AlertType = (typeof ALERT_TYPES)[number];
export interface AlertView {
  id: string;
  type: AlertType;
  siteId: string | null;
  at: string;
  text: string;
  /** Where to look on the map, when the event says. */
  location: { lat: number; lng: number } | null;
  userId: string | null;
}
export interface MessageView {
  id: string;
  conversationId: string;
  kind?: 'site' | 'direct';
  siteId: string | null;
  sender: { id: string; name: string; role: string };
  /** Null once deleted (a tombstone keeps its place in the conversation). */
  text: string | null;
  /** A dispatch order: the site's guards acknowledge it. */
  requiresAck?: boolean;
  acknowledgedBy?: string[];
  /** Guards on shift who had not acknowledged in time (`message_unacknowledged`). */
  missing?: string[];
  createdAt: string;
  editedAt?: string | null;
  deletedAt: string | null;
}
/** The site conversation beside its messages: who read up to where, who is typing. */
export interface ConversationView {
  id: string | null;
  /** userId -> the last message id that user has read. */
  reads: Record<string, string>;
  /** userIds typing now (the server sends `typing: false` 6 s after the last `true`). */
  typing: string[];
}
