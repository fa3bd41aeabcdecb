import type { DurableEventName, Envelope } from '#client';
import { alertOf } from './alerts.js';
import { applyMessage, applyRead, type ChatTarget, type DirectSummary } from './chat.js';
import { emptyConversation, withMessage, withMissing, withRead } from './messages.js';
import type {
  AlertView,
  ConversationView,
  GuardView,
  IncidentView,
  MessageView,
  PanicView,
  PatrolRunView,
  ScheduledShiftView,
  SiteView,
} from './views.js';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

/** Everything the console shows. The map, incidents, patrols and messages are of the selected site. */
export interface ConsoleState {
  me: { userId: string; name: string; role: string } | null;
  sites: SiteView[];
  siteId: string | null;
  connection: ConnectionStatus;
  /** Durable events that arrived through sync after a reconnect, by type (null: nothing to show). */
  missed: { at: string; total: number; byType: Record<string, number> } | null;
  guards: Record<string, GuardView>;
  /** Guards assigned to the selected site (incident assignment), named when known. */
  siteGuards: { userId: string; name: string | null }[];
  /** Active panics of every site the user sees: a panic elsewhere must not go unnoticed. */
  panics: Record<string, PanicView>;
  incidents: Record<string, IncidentView>;
  /** Newest first, every site the user sees. */
  alerts: AlertView[];
  patrols: Record<string, PatrolRunView>;
  scheduled: ScheduledShiftView[];
  /** The open chat (the site's by default), its messages and receipts; the user's direct chats. */
  chat: ChatTarget;
  messages: MessageView[];
  conversation: ConversationView;
  directs: DirectSummary[];
  /** A request from the UI to centre the map there (alert and panic links). */
  focus: { lat: number; lng: number; seq: number } | null;
  error: string | null;
  /** Messages are read apart: the panel says why it is empty without blocking the rest. */
  messagesError: string | null;
}

export const initialState = (): ConsoleState => ({
  me: null,
  sites: [],
  siteId: null,
  connection: 'connecting',
  missed: null,
  guards: {},
  siteGuards: [],
  panics: {},
  incidents: {},
  alerts: [],
  patrols: {},
  scheduled: [],
  chat: { kind: 'site' },
  messages: [],
  conversation: emptyConversation(),
  directs: [],
  focus: null,
  error: null,
  messagesError: null,
});

const MAX_ALERTS = 200;
const OPEN_INCIDENT = (i: IncidentView) => i.status !== 'RESOLVED' && i.status !== 'CLOSED';
const ACTIVE_PANIC = (p: PanicView) => p.status === 'RAISED' || p.status === 'ACKNOWLEDGED';

function withPanic(s: ConsoleState, p: PanicView): ConsoleState {
  const panics = { ...s.panics };
  if (ACTIVE_PANIC(p)) panics[p.id] = { ...panics[p.id], ...p };
  else delete panics[p.id];
  return { ...s, panics };
}

function withIncident(s: ConsoleState, i: IncidentView): ConsoleState {
  if (i.siteId !== s.siteId) return s;
  const incidents = { ...s.incidents };
  if (OPEN_INCIDENT(i)) incidents[i.id] = i;
  else delete incidents[i.id];
  return { ...s, incidents };
}

/** Applies one durable event (live or replayed by sync); unknown types change nothing. */
export function applyEvent(s: ConsoleState, env: Envelope): ConsoleState {
  const data = env.data as {
    panic: PanicView;
    level?: number;
    incident: IncidentView;
    message: MessageView;
    missing?: string[];
    conversationId?: string;
    userId?: string;
    upToMessageId?: string;
  };
  // A name the contract lacks would not compile as a case.
  switch (env.type as DurableEventName) {
    case 'panic_alert':
    case 'panic_acknowledged':
    case 'panic_resolved':
      return withPanic(s, data.panic as PanicView);
    case 'panic_escalated':
      return withPanic(s, { ...(data.panic as PanicView), escalationLevel: Number(data.level) });
    case 'incident_created':
    case 'incident_assigned':
    case 'incident_updated':
    case 'incident_resolved':
      return withIncident(s, data.incident as IncidentView);
    case 'message_created':
    case 'message_edited':
    case 'message_deleted':
    case 'message_acknowledged':
      return applyMessage(
        s,
        data.message,
        (c) => withMessage(c, data.message),
        env.type === 'message_created',
      );
    case 'message_unacknowledged':
      return applyMessage(s, data.message, (c) => withMissing(c, data.message, data.missing ?? []));
    case 'messages_read':
      return applyRead(s, data.conversationId, (c) => withRead(c, data.userId!, data.upToMessageId!));
    default: {
      const alert = alertOf(env);
      if (!alert || s.alerts.some((a) => a.id === alert.id)) return s;
      let next: ConsoleState = { ...s, alerts: [alert, ...s.alerts].slice(0, MAX_ALERTS) };
      if (alert.type === 'guard_stale' && alert.userId && next.guards[alert.userId])
        next = {
          ...next,
          guards: { ...next.guards, [alert.userId]: { ...next.guards[alert.userId], staleReported: true } },
        };
      return next;
    }
  }
}

export const openIncidentsOf = (list: IncidentView[]): Record<string, IncidentView> =>
  Object.fromEntries(list.filter(OPEN_INCIDENT).map((i) => [i.id, i]));
export const activePanicsOf = (list: PanicView[]): Record<string, PanicView> =>
  Object.fromEntries(list.filter(ACTIVE_PANIC).map((p) => [p.id, p]));
