import type { GpsFix, Role } from './basics.js';
import type { NoneMissing } from './complete-list.js';
import type {
  Incident,
  IncidentPriority,
  IncidentStatus,
  IncidentType,
  LocationRejection,
  Message,
  MessageTarget,
  Panic,
  PanicType,
  PatrolRun,
  ScanResult,
  Shift,
  StreamPage,
} from './views.js';

/** Device time of a field action (ISO-8601): not more than 2 min ahead, not older than 24 h. */
export interface DeviceTime {
  recordedAt?: string;
}
/** A retry with the same id by the same user answers the first result and changes nothing. */
export interface Idempotent {
  clientEventId?: string;
}

/** Every command the client sends (docs/protocol.md sections 3 and 9): its payload and its ack data. */
export interface Commands {
  panic_alert: {
    payload: Idempotent &
      DeviceTime & {
        location: GpsFix;
        type?: PanicType;
        /** Where, for a guard of several sites who is not on shift (on shift: the shift's site). */
        siteId?: string;
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
    ack: { accepted: boolean; reason?: LocationRejection; nextIntervalMs: number };
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

/** Every command name, for code that needs them at run time (the AsyncAPI document, catalogues). */
export const COMMAND_NAMES = [
  'panic_alert',
  'panic_acknowledge',
  'panic_resolve',
  'create_incident',
  'assign_incident',
  'update_incident',
  'resolve_incident',
  'start_patrol',
  'scan_checkpoint',
  'complete_patrol',
  'shift_start',
  'shift_end',
  'update_location',
  'join_site',
  'leave_site',
  'get_presence',
  'sync',
  'auth_refresh',
  'message_send',
  'message_edit',
  'message_delete',
  'message_read',
  'message_acknowledge',
  'typing',
] as const satisfies readonly CommandName[];
type _EveryCommandListed = NoneMissing<Exclude<CommandName, (typeof COMMAND_NAMES)[number]>>;

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
