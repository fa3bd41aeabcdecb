import { ClientError, PatrolShieldClient, type Envelope, type LocationPoint } from '#client';
import { AuthError, type Auth } from '../api/auth.js';
import type { Rest } from '../api/rest.js';
import { applyTyping, openChat, type ChatTarget } from '../state/chat.js';
import { applyEvent } from '../state/console-state.js';
import { applyLocations, applyPanicFix } from '../state/guard-positions.js';
import { MissedEvents } from './missed-events.js';
import { OrderedLoads } from './ordered-loads.js';
import type { Store } from '../state/store.js';
import type { SiteView } from '../state/views.js';
import { loadChat, loadPanics, loadRounds, loadScheduled, loadSite } from './site-loader.js';

/** Events after which the site's guards on shift and patrols in progress are read again. */
const ROUND_EVENTS = new Set([
  'shift_started',
  'shift_ended',
  'patrol_started',
  'patrol_completed',
  'checkpoint_scanned',
  'patrol_timeout',
]);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** Refusals that a retry cannot fix: the user must log in again. */
const ENDS_SESSION = new Set(['AUTH_REQUIRED', 'AUTH_INVALID', 'AUTH_EXPIRED', 'USER_INACTIVE', 'REVOKED']);
const endsSession = (e: unknown) =>
  e instanceof AuthError || (e instanceof ClientError && ENDS_SESSION.has(e.code));

/**
 * The console's one connection: the SDK client (commands, durable events with sync, receipts of
 * panic alerts) feeding the store, and the REST reads that fill what events do not carry.
 */
export class LiveConsole {
  client?: PatrolShieldClient;
  /** Told when the session ends without the user asking (revoked, refresh refused). */
  onEnded: (reason: string) => void = () => undefined;
  private missed = new MissedEvents();
  private readonly loads: OrderedLoads;
  private roundsTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly store: Store,
    private readonly auth: Auth,
    private readonly rest: Rest,
  ) {
    this.loads = new OrderedLoads(store);
  }

  async start(): Promise<void> {
    const user = this.auth.user;
    if (!user) throw new Error('Not logged in');
    this.store.update((s) => ({ ...s, me: { userId: user.id, name: user.name, role: user.role } }));
    const { items } = await this.rest.get<{ items: SiteView[] }>('/sites', { pageSize: 100 });
    this.store.update((s) => ({ ...s, sites: items, siteId: items[0]?.id ?? null }));
    this.missed = new MissedEvents(); // a new session is not a reconnect of the last one
    const client = (this.client = new PatrolShieldClient({
      url: location.origin,
      getToken: () => this.auth.accessToken(),
      offlineQueue: false,
      socketOptions: { reconnectionDelayMax: 5000 },
    }));
    client.on('event', (env) => this.onEvent(env));
    client.on('location_batch', (b) => this.store.update((s) => applyLocations(s, b.siteId, b.locations)));
    // Stepped-up tracking of a panicking guard (docs/protocol.md section 11): each fix at once.
    client.socket.on('location_update', (u: { userId: string; location: Omit<LocationPoint, 'userId'> }) =>
      this.store.update((s) => applyPanicFix(s, { ...u.location, userId: u.userId })),
    );
    client.socket.on('typing', (t: { conversationId: string; userId: string; typing: boolean }) =>
      this.store.update((s) => applyTyping(s, t)),
    );
    client.on('ready', () => void this.onReady());
    // Closing a client at logout disconnects it too: only the current one speaks for the screen.
    client.on('disconnected', () => this.client === client && this.onDisconnected());
    client.on('connect_error', () => this.store.update((s) => ({ ...s, connection: 'offline' })));
    client.on('revoked', () => this.end('Your session was ended by an administrator: log in again.'));
    client.on('assignments_changed', () =>
      this.reloadSites().catch((e: unknown) => this.store.update((s) => ({ ...s, error: message(e) }))),
    );
    client.on('error', (e) =>
      endsSession(e)
        ? this.end(`Session ended (${message(e)}): log in again.`)
        : this.store.update((s) => ({ ...s, error: e.message })),
    );
    await client.connect();
  }

  async stop(reason: string | null = null): Promise<void> {
    clearTimeout(this.roundsTimer);
    this.client?.close();
    this.client = undefined;
    await this.auth.logout();
    this.store.reset();
    this.store.update((s) => ({ ...s, error: reason }));
  }

  private end(reason: string): void {
    void this.stop(reason).finally(() => this.onEnded(reason));
  }

  selectSite(siteId: string): void {
    this.store.update((s) => ({
      ...s,
      siteId,
      guards: {},
      siteGuards: [],
      incidents: {},
      patrols: {},
      scheduled: [],
    }));
    this.store.update((s) => openChat(s, { kind: 'site' }));
    void this.loadSelected();
  }

  /** Opens the site chat or a direct one in the messages panel. */
  openChat(chat: ChatTarget): void {
    this.store.update((s) => openChat(s, chat));
    const { siteId } = this.store.get();
    if (siteId) void this.loads.run(() => loadChat(this.rest, siteId, chat), 'messagesError');
  }

  focus(lat: number, lng: number, siteId?: string | null): void {
    if (siteId && siteId !== this.store.get().siteId) this.selectSite(siteId);
    this.store.update((s) => ({ ...s, focus: { lat, lng, seq: (s.focus?.seq ?? 0) + 1 } }));
  }

  dismissMissed(): void {
    this.store.update((s) => ({ ...s, missed: null }));
  }

  private onEvent(env: Envelope): void {
    this.missed.seen(env.type);
    this.loads.seen(env);
    this.store.update((s) => applyEvent(s, env));
    if (ROUND_EVENTS.has(env.type) && env.siteId === this.store.get().siteId) this.scheduleRounds();
  }

  private onDisconnected(): void {
    this.missed.disconnected();
    this.store.update((s) => ({ ...s, connection: 'offline' }));
  }

  private async onReady(): Promise<void> {
    const missed = this.missed.caughtUp();
    if (missed) this.store.update((s) => ({ ...s, missed }));
    this.store.update((s) => ({ ...s, connection: 'online', error: null }));
    await Promise.all([this.loads.run(() => loadPanics(this.rest)), this.loadSelected()]);
  }

  private async loadSelected(): Promise<void> {
    const { siteId } = this.store.get();
    const client = this.client;
    if (!siteId || !client?.ready) return;
    await Promise.all([
      this.loads.run(() => loadSite(client, siteId)),
      this.loads.run(() => loadScheduled(this.rest, siteId)),
      this.loads.run(() => loadChat(this.rest, siteId, this.store.get().chat), 'messagesError'),
    ]);
  }

  private async reloadSites(): Promise<void> {
    const { items } = await this.rest.get<{ items: SiteView[] }>('/sites', { pageSize: 100 });
    const keep = items.some((s) => s.id === this.store.get().siteId);
    this.store.update((s) => ({ ...s, sites: items }));
    if (!keep) this.selectSite(items[0]?.id ?? '');
  }

  private scheduleRounds(): void {
    clearTimeout(this.roundsTimer);
    this.roundsTimer = setTimeout(() => {
      const { siteId } = this.store.get();
      if (siteId) void this.loads.run(() => loadRounds(this.rest, siteId));
    }, 250);
  }
}
