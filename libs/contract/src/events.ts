import type { Envelope, ErrorCode, LatLng, Role } from './basics.js';
import type { NoneMissing } from './complete-list.js';
import type {
  Incident,
  LocationPoint,
  Message,
  Panic,
  PatrolRun,
  RevocationReason,
  ScanResult,
  Session,
  Shift,
} from './views.js';

/** Durable event types and their data (docs/protocol.md sections 4, 9, 11 and 14). */
export interface DurableEvents {
  panic_alert: { panic: Panic };
  panic_acknowledged: { panic: Panic; acknowledgedBy: unknown };
  panic_escalated: { panic: Panic; level: 2 | 3; reason: string };
  panic_resolved: { panic: Panic; resolvedBy: unknown; notes?: string | null };
  /** To the raising guard after the receipt window: how many staff devices confirmed the alert. */
  panic_delivery: { panicId: string; confirmedBy: number };
  /** To a guard on shift near a panic at their site (docs/protocol.md section 11), nearest first. */
  backup_requested: { panic: Panic; distanceM: number };
  incident_created: { incident: Incident };
  incident_assigned: { incident: Incident; assignee: unknown };
  incident_updated: { incident: Incident; changes: Record<string, unknown> };
  incident_resolved: { incident: Incident };
  patrol_started: { patrolRun: PatrolRun };
  patrol_completed: { patrolRun: PatrolRun };
  checkpoint_scanned: {
    patrolRunId: string;
    scanId: string;
    checkpoint: unknown;
    checkpointCode: string;
    result: ScanResult;
    progress: { scanned: number; total: number };
    /** Metres from the checkpoint, when the scan carried a location. */
    distanceM: number | null;
    recordedAt: string;
    receivedAt: string;
  };
  patrol_timeout: {
    patrolRun: PatrolRun;
    reason: 'CHECKPOINT_MISSED' | 'OVERDUE';
    missedCheckpoints: unknown[];
  };
  /** A late-delivered offline scan made in time retracts a CHECKPOINT_MISSED raised before it. */
  patrol_timeout_cleared: {
    patrolRun: PatrolRun;
    reason: 'CHECKPOINT_MISSED';
    missedCheckpoints: unknown[];
    clearedBy: { scanId: string; checkpoint: unknown; recordedAt: string };
  };
  shift_started: { shift: Shift; insideGeofence: boolean | null };
  shift_ended: { shift: Shift; insideGeofence: boolean | null };
  shift_missed: { scheduledShift: Record<string, unknown> };
  shift_scheduled: { scheduledShift: Record<string, unknown> };
  shift_rescheduled: { scheduledShift: Record<string, unknown> };
  shift_unscheduled: { scheduledShiftId: string; guardId: string; siteId: string };
  /** `location` is the fix that left the geofence, with its device time. */
  geofence_breach: {
    userId: string;
    location: LatLng & { accuracy?: number | null; recordedAt: string };
    site: unknown;
  };
  guard_stale: { userId: string; lastSeenAt: string | null; reason: 'NO_LOCATION' | 'DISCONNECTED' };
  site_unwatched: { siteId: string; guardsOnShift: number; since: string };
  message_created: { message: Message };
  message_edited: { message: Message };
  message_deleted: { message: Message };
  messages_read: { conversationId: string; userId: string; upToMessageId: string; readAt: string };
  message_acknowledged: { message: Message; userId: string };
  message_unacknowledged: { message: Message; missing: string[] };
}
export type DurableEventName = keyof DurableEvents;

/** Ephemeral events: latest state, no seq, not replayed. */
export interface EphemeralEvents {
  location_batch: { siteId: string; windowStart: string; windowEnd: string; locations: LocationPoint[] };
  /** Each fix of a guard whose panic is active, to the site staff at once (docs/protocol.md section 11). */
  location_update: { userId: string; panicId: string; location: Omit<LocationPoint, 'userId'> };
  presence_changed: { userId: string; role: Role; status: 'online' | 'offline'; at: string };
  dashboard_stats: {
    activePanics: number;
    openIncidents: number;
    guardsOnShift: number;
    guardsOnline: number;
    patrolsInProgress: number;
    overduePatrols: number;
    /** Admins only: sites with guards on shift that no notification channel reaches for a panic. */
    sitesWithoutPanicNotification?: string[];
  };
  session: Session;
  session_expiring: { expiresAt: string };
  session_expired: { expiresAt: string; reason?: string };
  session_revoked: { reason?: RevocationReason; [k: string]: unknown };
  assignments_changed: { siteIds: string[]; role: Role };
  /** The answer to a failed command sent without an ack callback. */
  exception: { event: string; code: ErrorCode; message: string };
  server_shutdown: { reconnect: boolean };
  /** Another member started or stopped typing; the server ends it 6 s after the last `true`. */
  typing: { conversationId: string; userId: string; typing: boolean };
}
export type EphemeralEventName = keyof EphemeralEvents;

/** What arrives on the wire for each server event name: the envelope of a durable event, else the data. */
export type ServerEvents = { [K in DurableEventName]: Envelope<DurableEvents[K], K> } & EphemeralEvents;
export type ServerEventName = keyof ServerEvents;

export const DURABLE_EVENT_NAMES = [
  'panic_alert',
  'panic_acknowledged',
  'panic_escalated',
  'panic_resolved',
  'panic_delivery',
  'backup_requested',
  'incident_created',
  'incident_assigned',
  'incident_updated',
  'incident_resolved',
  'patrol_started',
  'patrol_completed',
  'checkpoint_scanned',
  'patrol_timeout',
  'patrol_timeout_cleared',
  'shift_started',
  'shift_ended',
  'shift_missed',
  'shift_scheduled',
  'shift_rescheduled',
  'shift_unscheduled',
  'geofence_breach',
  'guard_stale',
  'site_unwatched',
  'message_created',
  'message_edited',
  'message_deleted',
  'messages_read',
  'message_acknowledged',
  'message_unacknowledged',
] as const satisfies readonly DurableEventName[];
type _EveryDurableEventListed = NoneMissing<Exclude<DurableEventName, (typeof DURABLE_EVENT_NAMES)[number]>>;

export const EPHEMERAL_EVENT_NAMES = [
  'location_batch',
  'location_update',
  'presence_changed',
  'dashboard_stats',
  'session',
  'session_expiring',
  'session_expired',
  'session_revoked',
  'assignments_changed',
  'exception',
  'server_shutdown',
  'typing',
] as const satisfies readonly EphemeralEventName[];
type _EveryEphemeralEventListed = NoneMissing<
  Exclude<EphemeralEventName, (typeof EPHEMERAL_EVENT_NAMES)[number]>
>;

/** Every event name the server emits to clients. */
export const SERVER_EVENT_NAMES = [
  ...DURABLE_EVENT_NAMES,
  ...EPHEMERAL_EVENT_NAMES,
] as const satisfies readonly ServerEventName[];
