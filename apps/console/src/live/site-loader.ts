import type { PatrolShieldClient } from '#client';
import type { Rest } from '../api/rest.js';
import type { ChatTarget, DirectSummary } from '../state/chat.js';
import { activePanicsOf, openIncidentsOf, type ConsoleState } from '../state/console-state.js';
import type {
  GuardView,
  IncidentView,
  MessageView,
  PanicView,
  PatrolRunView,
  ScheduledShiftView,
} from '../state/views.js';

interface LiveGuard {
  userId: string;
  name: string;
  location: { lat: number; lng: number; recordedAt: string } | null;
}
interface Snapshot {
  presence?: { userId: string; role: string }[];
  guardsOnShift?: LiveGuard[];
  openIncidents?: IncidentView[];
  patrolsInProgress?: PatrolRunView[];
}
type Change = (s: ConsoleState) => ConsoleState;
const byId = <T extends { id: string }>(list: T[]) => Object.fromEntries(list.map((x) => [x.id, x]));

/** Guards on shift, keeping a fix newer than the server's (a batch may have come meanwhile). */
function guardsOf(live: LiveGuard[], current: Record<string, GuardView>): Record<string, GuardView> {
  const guards: Record<string, GuardView> = {};
  for (const g of live) {
    const prev = current[g.userId];
    const fresher = prev?.position && (!g.location || prev.position.recordedAt > g.location.recordedAt);
    guards[g.userId] = {
      userId: g.userId,
      name: g.name,
      position: fresher
        ? prev.position
        : g.location && { lat: g.location.lat, lng: g.location.lng, recordedAt: g.location.recordedAt },
      staleReported: fresher ? prev.staleReported : false,
    };
  }
  return guards;
}

/** The state of one site as the server has it now: join_site's snapshot, then REST for the rest. */
export async function loadSite(client: PatrolShieldClient, siteId: string): Promise<Change> {
  const { snapshot } = await client.command('join_site', { siteId });
  const snap = snapshot as Snapshot;
  const live = snap.guardsOnShift ?? [];
  const names = new Map(live.map((g) => [g.userId, g.name]));
  const siteGuards = (snap.presence ?? [])
    .filter((p) => p.role === 'guard')
    .map((p) => ({ userId: p.userId, name: names.get(p.userId) ?? null }));
  return (s) =>
    s.siteId !== siteId
      ? s
      : {
          ...s,
          guards: guardsOf(live, s.guards),
          siteGuards,
          incidents: openIncidentsOf(snap.openIncidents ?? []),
          patrols: byId(snap.patrolsInProgress ?? []),
        };
}

/** Guards on shift and patrols in progress, after a shift or patrol event of the site. */
export async function loadRounds(rest: Rest, siteId: string): Promise<Change> {
  const [live, runs] = await Promise.all([
    rest.get<{ items: LiveGuard[] }>(`/sites/${siteId}/live`),
    rest.get<{ items: PatrolRunView[] }>('/patrol-runs', { siteId, status: 'IN_PROGRESS', pageSize: 100 }),
  ]);
  return (s) =>
    s.siteId !== siteId ? s : { ...s, guards: guardsOf(live.items, s.guards), patrols: byId(runs.items) };
}

/** Planned shifts of the next 24 hours (the shift panel's "next"). */
export async function loadScheduled(rest: Rest, siteId: string): Promise<Change> {
  const now = new Date();
  const page = await rest.get<{ items: ScheduledShiftView[] }>('/shifts', {
    siteId,
    from: now.toISOString(),
    to: new Date(now.getTime() + 86_400_000).toISOString(),
    pageSize: 100,
  });
  return (s) => (s.siteId !== siteId ? s : { ...s, scheduled: page.items });
}

/** Active panics of every site the user sees (REST pages of RAISED and ACKNOWLEDGED). */
export async function loadPanics(rest: Rest): Promise<Change> {
  const pages = await Promise.all(
    ['RAISED', 'ACKNOWLEDGED'].map((status) =>
      rest.get<{ items: PanicView[] }>('/panics', { status, pageSize: 100 }),
    ),
  );
  const panics = activePanicsOf(pages.flatMap((p) => p.items));
  return (s) => ({ ...s, panics });
}

interface ConversationSummary {
  id: string;
  kind: 'site' | 'direct';
  siteId: string | null;
  peer: { id: string; name: string } | null;
  lastMessage: MessageView | null;
  unreadCount: number;
}

/**
 * The user's direct chats and the open chat's latest 50 messages, oldest first (docs/protocol.md
 * section 9). A new direct chat has no conversation (and no message) yet.
 */
export async function loadChat(rest: Rest, siteId: string, chat: ChatTarget): Promise<Change> {
  const { items } = await rest.get<{ items: ConversationSummary[] }>('/conversations');
  const id =
    chat.kind === 'site'
      ? items.find((c) => c.kind === 'site' && c.siteId === siteId)?.id
      : chat.conversationId;
  const messages = id
    ? (await rest.get<{ items: MessageView[] }>(`/conversations/${id}/messages`, { limit: 50 })).items
    : [];
  const directs: DirectSummary[] = items
    .filter((c) => c.kind === 'direct' && c.peer)
    .map((c) => ({
      id: c.id,
      peer: c.peer!,
      unreadCount: c.id === id ? 0 : c.unreadCount,
      last: c.lastMessage ? { id: c.lastMessage.id, at: c.lastMessage.createdAt } : undefined,
    }));
  // A direct chat that a live message_created added while this list was being read is kept.
  const withLive = (s: { directs: typeof directs }) => [
    ...directs,
    ...s.directs.filter((d) => !directs.some((l) => l.id === d.id)),
  ];
  return (s) =>
    s.siteId !== siteId || s.chat !== chat
      ? { ...s, directs: withLive(s) }
      : {
          ...s,
          directs: withLive(s),
          messages: [...messages].reverse(),
          conversation: { ...s.conversation, id: id ?? s.conversation.id },
        };
}
