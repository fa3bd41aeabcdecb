/**
 * The PatrolShield realtime contract v1 (docs/protocol.md) as TypeScript types: command names to
 * payload and ack data, server event names to data, the durable envelope and the ack shape.
 * Self-contained on purpose: the dashboard and integrations import it without the server.
 */
export type Role = 'guard' | 'supervisor' | 'manager' | 'admin';
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNKNOWN_EVENT'
  | 'UNAVAILABLE'
  | 'INTERNAL';
/** Handshake refusals (`connect_error` message and `err.data.code`). */
export type HandshakeErrorCode =
  'AUTH_REQUIRED' | 'AUTH_INVALID' | 'AUTH_EXPIRED' | 'USER_INACTIVE' | 'DEVICE_MISMATCH' | 'UNAVAILABLE';

export interface AckError {
  code: ErrorCode;
  message: string;
  details?: unknown;
  retryable: boolean;
}
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export interface Actor {
  userId: string | null;
  role: Role | 'system';
  name: string;
}
/** A durable event (docs/protocol.md section 4). */
export interface Envelope<T = unknown, K extends string = string> {
  id: string;
  type: K;
  stream: string;
  seq: number;
  siteId: string | null;
  occurredAt: string;
  actor: Actor;
  data: T;
}

export interface LatLng {
  lat: number;
  lng: number;
}
export interface GpsFix extends LatLng {
  accuracy?: number;
}
/** Device time of a field action (ISO-8601). */
interface DeviceTime {
  recordedAt?: string;
}
interface Idempotent {
  clientEventId?: string;
}

export type PanicType = 'PANIC' | 'MEDICAL' | 'FIRE' | 'SECURITY' | 'GENERAL';
export type IncidentType =
  'INTRUSION' | 'THEFT' | 'VANDALISM' | 'FIRE' | 'MEDICAL' | 'SAFETY' | 'SUSPICIOUS_ACTIVITY' | 'OTHER';
export type IncidentPriority = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type IncidentStatus = 'OPEN' | 'ASSIGNED' | 'IN_PROGRESS' | 'RESOLVED' | 'CLOSED';
export type ScanResult = 'VALID' | 'OUT_OF_ORDER' | 'OUT_OF_RANGE' | 'DUPLICATE' | 'UNKNOWN_CHECKPOINT';

/** Server views are open records: the contract names their key fields, servers may add more. */
export interface Panic {
  id: string;
  type: PanicType;
  status: string;
  guard?: unknown;
  location?: GpsFix;
  batteryLevel?: number | null;
  raisedAt?: string;
  [k: string]: unknown;
}
export interface Incident {
  id: string;
  siteId: string;
  status: IncidentStatus;
  priority: IncidentPriority;
  type: IncidentType;
  title: string;
  [k: string]: unknown;
}
export interface PatrolRun {
  id: string;
  status: string;
  [k: string]: unknown;
}
export interface Shift {
  id: string;
  [k: string]: unknown;
}
export type ConversationKind = 'site' | 'direct';
/** docs/protocol.md section 9. `text` is null once deleted (`deletedAt` set). */
export interface Message {
  id: string;
  conversationId: string;
  kind: ConversationKind;
  siteId: string | null;
  sender: { id: string; name: string; role: Role };
  text: string | null;
  requiresAck: boolean;
  acknowledgedBy: string[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}
/** Exactly one target: an existing conversation, a site's conversation, or a direct one. */
export type MessageTarget =
  | { conversationId: string; siteId?: never; toUserId?: never }
  | { siteId: string; conversationId?: never; toUserId?: never }
  | { toUserId: string; conversationId?: never; siteId?: never };
export interface StreamPage {
  head: number;
  events: Envelope[];
  truncated: boolean;
  hasMore?: boolean;
}

/** Every command: its payload and its ack data. */
export interface Commands {
  panic_alert: {
    payload: Idempotent &
      DeviceTime & {
        location: GpsFix;
        type?: PanicType;
        patrolRunId?: string;
        /** Percent, a whole number 0-100. */
        batteryLevel?: number;
        message?: string;
      };
    ack: { panicId: string; duplicate: boolean };
  };
  panic_acknowledge: { payload: Idempotent & { panicId: string }; ack: { panic: Panic } };
  panic_resolve: { payload: Idempotent & { panicId: string; notes?: string }; ack: { panic: Panic } };
  create_incident: {
    payload: Idempotent &
      DeviceTime & {
        siteId: string;
        type: IncidentType;
        priority: IncidentPriority;
        title: string;
        description?: string;
        location?: GpsFix;
      };
    ack: { incident: Incident };
  };
  assign_incident: {
    payload: Idempotent & { incidentId: string; assigneeId: string };
    ack: { incident: Incident };
  };
  update_incident: {
    payload: Idempotent & {
      incidentId: string;
      status?: IncidentStatus;
      priority?: IncidentPriority;
      note?: string;
    };
    ack: { incident: Incident };
  };
  resolve_incident: {
    payload: Idempotent & { incidentId: string; resolution: string };
    ack: { incident: Incident };
  };
  start_patrol: { payload: Idempotent & { routeId: string }; ack: { patrolRun: PatrolRun } };
  scan_checkpoint: {
    payload: Idempotent & DeviceTime & { patrolRunId: string; checkpointCode: string; location?: GpsFix };
    ack: { result: ScanResult; progress: { scanned: number; total: number } };
  };
  complete_patrol: { payload: Idempotent & { patrolRunId: string }; ack: { patrolRun: PatrolRun } };
  shift_start: {
    payload: Idempotent & DeviceTime & { siteId: string; location?: GpsFix };
    ack: { shift: Shift };
  };
  shift_end: {
    payload: Idempotent & DeviceTime & { shiftId?: string; location?: GpsFix };
    ack: { shift: Shift };
  };
  update_location: {
    payload: Idempotent &
      DeviceTime & {
        lat: number;
        lng: number;
        accuracy?: number;
        heading?: number;
        speed?: number;
        /** Percent, a whole number 0-100. */
        batteryLevel?: number;
      };
    ack: { accepted: boolean; nextIntervalMs: number };
  };
  join_site: { payload: Idempotent & { siteId: string }; ack: { snapshot: Record<string, unknown> } };
  leave_site: { payload: Idempotent & { siteId: string }; ack: Record<string, never> };
  get_presence: {
    payload: Idempotent & { siteId: string };
    ack: { users: { userId: string; role: Role; status: 'online' | 'offline'; since: string }[] };
  };
  sync: {
    payload: { cursors: Record<string, number> };
    ack: { streams: Record<string, StreamPage> };
  };
  auth_refresh: { payload: { token: string }; ack: { expiresAt: string } };
  message_send: {
    payload: Idempotent & MessageTarget & { text: string; requiresAck?: boolean };
    ack: { message: Message };
  };
  message_edit: { payload: Idempotent & { messageId: string; text: string }; ack: { message: Message } };
  message_delete: { payload: Idempotent & { messageId: string }; ack: { message: Message } };
  message_read: {
    payload: Idempotent & { conversationId: string; upToMessageId: string };
    ack: { conversationId: string; upToMessageId: string };
  };
  message_acknowledge: { payload: Idempotent & { messageId: string }; ack: { message: Message } };
  typing: { payload: { conversationId: string; typing: boolean }; ack: Record<string, never> };
}
export type CommandName = keyof Commands;
export type PayloadOf<C extends CommandName> = Commands[C]['payload'];
export type AckOf<C extends CommandName> = Commands[C]['ack'];

/** Field actions: queued while offline with their device time, sent in order on reconnect. */
export const FIELD_ACTIONS = [
  'panic_alert',
  'create_incident',
  'scan_checkpoint',
  'shift_start',
  'shift_end',
  'update_location',
] as const satisfies readonly CommandName[];
export type FieldAction = (typeof FIELD_ACTIONS)[number];
export const isFieldAction = (c: string): c is FieldAction =>
  (FIELD_ACTIONS as readonly string[]).includes(c);

/**
 * Reads, connection and ephemeral commands: never given a clientEventId (a replayed sync would be
 * stale; a typing flag is not worth an idempotency record).
 */
export const READ_COMMANDS: readonly CommandName[] = [
  'sync',
  'auth_refresh',
  'join_site',
  'leave_site',
  'get_presence',
  'typing',
];

/** Durable event types and their data. */
export interface DurableEvents {
  panic_alert: { panic: Panic };
  panic_acknowledged: { panic: Panic; acknowledgedBy: unknown };
  panic_escalated: { panic: Panic; level: 2 | 3; reason: string };
  panic_resolved: { panic: Panic; resolvedBy: unknown; notes?: string | null };
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
    checkpoint: unknown;
    result: ScanResult;
    progress: { scanned: number; total: number };
  };
  patrol_timeout: {
    patrolRun: PatrolRun;
    reason: 'CHECKPOINT_MISSED' | 'OVERDUE';
    missedCheckpoints: unknown[];
  };
  /** A late offline scan made in time retracts a CHECKPOINT_MISSED (docs/protocol.md section 14). */
  patrol_timeout_cleared: {
    patrolRun: PatrolRun;
    reason: 'CHECKPOINT_MISSED';
    missedCheckpoints: unknown[];
    clearedBy: unknown;
  };
  shift_started: { shift: Shift; insideGeofence: boolean | null };
  shift_ended: { shift: Shift; insideGeofence: boolean | null };
  shift_missed: { scheduledShift: Record<string, unknown> };
  shift_scheduled: { scheduledShift: Record<string, unknown> };
  shift_rescheduled: { scheduledShift: Record<string, unknown> };
  shift_unscheduled: { scheduledShiftId: string; guardId: string; siteId: string };
  geofence_breach: { userId: string; location: GpsFix; site: unknown };
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

export interface LocationPoint {
  userId: string;
  lat: number;
  lng: number;
  accuracy: number | null;
  heading: number | null;
  speed: number | null;
  batteryLevel: number | null;
  recordedAt: string;
}
export interface Session {
  userId: string;
  role: Role;
  name: string;
  siteIds: string[];
  streams: Record<string, number>;
  expiresAt: string;
  serverTime: string;
}

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
    [k: string]: unknown;
  };
  session: Session;
  session_expiring: { expiresAt: string };
  session_expired: { expiresAt: string; reason?: string };
  session_revoked: { reason?: string; [k: string]: unknown };
  assignments_changed: { siteIds: string[]; role: Role };
  exception: { event: string; code: ErrorCode; message: string };
  server_shutdown: { reconnect: boolean };
  /** Another member started or stopped typing; the server ends it 6 s after the last `true`. */
  typing: { conversationId: string; userId: string; typing: boolean };
}
export type EphemeralEventName = keyof EphemeralEvents;

/** What arrives on the wire for each server event name. */
export type ServerEvents = { [K in DurableEventName]: Envelope<DurableEvents[K], K> } & EphemeralEvents;
export type ServerEventName = keyof ServerEvents;

export const isEnvelope = (v: unknown): v is Envelope =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as Envelope).id === 'string' &&
  typeof (v as Envelope).stream === 'string' &&
  typeof (v as Envelope).seq === 'number';
