import { ClientError, PatrolShieldClient, type CommandName, type PayloadOf, type AckOf } from '#client';
import type { SimArgs } from './args.js';
import { distanceM, randomPointNear, stepToward, type LatLng } from './geo.js';
import type { SimSite, SimUser } from './setup.js';
import type { SimStats } from './stats.js';

const INCIDENT_TYPES = ['INTRUSION', 'THEFT', 'VANDALISM', 'SAFETY', 'SUSPICIOUS_ACTIVITY', 'OTHER'] as const;
const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One simulated user: an SDK client plus the counting wrapper every command goes through. */
export class Bot {
  readonly client: PatrolShieldClient;
  constructor(
    readonly user: SimUser,
    protected readonly stats: SimStats,
    url: string,
  ) {
    this.client = new PatrolShieldClient({
      url,
      getToken: () => user.token,
      ackTimeoutMs: 10_000,
      maxAttempts: 3,
    });
    this.client.on('event', () => stats.events++);
    for (const e of ['location_batch', 'presence_changed', 'dashboard_stats'] as const)
      this.client.on(e, () => stats.events++);
    // Counted while ready: a connection lost before it was ready was never counted.
    let counted = false;
    this.client.on('ready', () => {
      if (!counted) stats.connected++;
      counted = true;
    });
    this.client.on('disconnected', () => {
      if (counted) stats.connected--;
      counted = false;
    });
  }

  /** Sends a command; counts the ack or the error code, never throws (a missing feature is just counted). */
  async act<C extends CommandName>(name: C, payload: PayloadOf<C>): Promise<AckOf<C> | null> {
    this.stats.count(name);
    try {
      const data = await this.client.command(name, payload);
      this.stats.acksOk++;
      return data;
    } catch (e) {
      this.stats.error(e instanceof ClientError ? e.code : 'CLIENT');
      return null;
    }
  }
}

export class GuardBot extends Bot {
  private position: LatLng;
  private patrolRunId: string | null = null;
  private next = 0;
  private stopped = false;
  private timer?: ReturnType<typeof setTimeout>;
  /** The last panic pressed: when (this process's clock) and its device time, which names it. */
  lastPanic: { sentAt: number; recordedAt: string } | null = null;

  private site: SimSite;

  constructor(
    user: SimUser,
    stats: SimStats,
    private readonly sites: Map<string, SimSite>,
    private readonly a: SimArgs,
  ) {
    super(user, stats, a.url);
    this.site = sites.get(user.siteIds[0]) ?? [...sites.values()][0];
    this.position = randomPointNear(this.site.center, this.site.radiusM);
    // Dispatch orders of its site are read and acknowledged after a few seconds, like a person.
    this.client.on('message_created', (env) => {
      const { message } = env.data;
      if (!message.requiresAck || message.siteId !== this.site.id) return;
      void sleep(2000 + Math.random() * 8000).then(async () => {
        if (this.stopped) return;
        await this.act('message_read', { conversationId: message.conversationId, upToMessageId: message.id });
        await this.act('message_acknowledge', { messageId: message.id });
      });
    });
  }

  /** A short report in the site's conversation. */
  async reportAllClear(): Promise<void> {
    await this.act('message_send', { siteId: this.site.id, text: 'All clear on my round' });
  }

  /** Call once connected: the session says which site this guard works at. */
  async start(): Promise<void> {
    const assigned = this.client.session?.siteIds.map((id) => this.sites.get(id)).find((s) => s);
    if (assigned && assigned !== this.site) {
      this.site = assigned;
      this.position = randomPointNear(assigned.center, assigned.radiusM);
    }
    await this.act('shift_start', { siteId: this.site.id, location: this.position });
    await this.startPatrol();
    this.timer = setTimeout(() => void this.tick(), Math.random() * this.a.gpsMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.client.ready)
      await Promise.race([this.act('shift_end', { location: this.position }), sleep(3000)]);
    this.client.close();
  }

  async panic(): Promise<void> {
    const recordedAt = new Date().toISOString();
    this.lastPanic = { sentAt: performance.now(), recordedAt };
    await this.act('panic_alert', {
      recordedAt,
      location: this.position,
      type: 'PANIC',
      batteryLevel: 60,
      message: 'Simulated panic',
    });
  }

  async reportIncident(): Promise<void> {
    await this.act('create_incident', {
      siteId: this.site.id,
      type: pick(INCIDENT_TYPES),
      priority: pick(PRIORITIES),
      title: 'Simulated observation',
      description: 'Reported by the fleet simulator',
      location: this.position,
    });
  }

  private async startPatrol(): Promise<void> {
    if (!this.site.routeId) return;
    this.stats.count('start_patrol');
    try {
      const r = await this.client.command('start_patrol', { routeId: this.site.routeId });
      this.stats.acksOk++;
      this.patrolRunId = r.patrolRun.id;
    } catch (e) {
      const existing =
        e instanceof ClientError
          ? (e.details as { patrolRunId?: string } | undefined)?.patrolRunId
          : undefined;
      // A run left in progress (an earlier simulation stopped mid-patrol) is resumed, not an error.
      if (!existing) this.stats.error(e instanceof ClientError ? e.code : 'CLIENT');
      this.patrolRunId = existing ?? null;
    }
    this.next = 0;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const cps = this.site.checkpoints;
    const target = cps.length
      ? cps[this.next % cps.length].location
      : randomPointNear(this.site.center, this.site.radiusM);
    this.position = stepToward(this.position, target, (this.a.speed * this.a.gpsMs) / 1000);
    const ack = await this.act('update_location', {
      lat: this.position.lat,
      lng: this.position.lng,
      accuracy: 5 + Math.random() * 10,
      speed: this.a.speed,
      batteryLevel: 80,
    });
    if (cps.length && this.patrolRunId && distanceM(this.position, target) < 15) {
      // Sometimes a guard walks past a checkpoint without scanning it.
      if (Math.random() >= this.a.missRate)
        await this.act('scan_checkpoint', {
          patrolRunId: this.patrolRunId,
          checkpointCode: cps[this.next % cps.length].code,
          location: this.position,
        });
      this.next++;
      if (this.next >= cps.length) {
        await this.act('complete_patrol', { patrolRunId: this.patrolRunId });
        await this.startPatrol();
      }
    }
    if (this.stopped) return;
    const hint =
      ack?.nextIntervalMs && ack.nextIntervalMs > 0 ? Math.min(ack.nextIntervalMs, 30_000) : this.a.gpsMs;
    this.timer = setTimeout(
      () => void this.tick(),
      Math.min(hint, this.a.gpsMs) * (0.8 + Math.random() * 0.4),
    );
  }
}

/** Acknowledges and resolves panics of its sites, works incidents through to resolution. */
export class SupervisorBot extends Bot {
  private stopped = false;

  constructor(
    user: SimUser,
    stats: SimStats,
    a: SimArgs,
    /** Returns whether this bot is the one responding for the site (others only watch). */
    private readonly responder: (siteId: string | null) => boolean,
    onPanicSeen: (guardId: string | null, raisedAt: string) => void,
  ) {
    super(user, stats, a.url);
    this.client.on('panic_alert', (env) => {
      onPanicSeen(env.actor.userId, env.occurredAt);
      if (this.responder(env.siteId)) void this.workPanic(env.data.panic.id);
    });
    this.client.on('incident_created', (env) => {
      if (this.responder(env.siteId) && env.actor.userId)
        void this.workIncident(env.data.incident.id, env.actor.userId);
    });
  }

  async start(): Promise<void> {
    /* events drive this bot */
  }

  /** A dispatch order to the guards of one of its sites. */
  async dispatchOrder(): Promise<void> {
    const siteIds = this.client.session?.siteIds ?? [];
    if (!siteIds.length || this.stopped) return;
    await this.act('message_send', {
      siteId: pick(siteIds),
      text: 'Check the loading bay doors and confirm',
      requiresAck: true,
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.client.close();
  }

  private async workPanic(panicId: string): Promise<void> {
    await sleep(1000 + Math.random() * 2000);
    if (this.stopped) return;
    await this.act('panic_acknowledge', { panicId });
    await sleep(5000 + Math.random() * 10_000);
    if (this.stopped) return;
    await this.act('panic_resolve', { panicId, notes: 'Handled by the simulator' });
  }

  private async workIncident(incidentId: string, reporterId: string): Promise<void> {
    await sleep(2000 + Math.random() * 3000);
    if (this.stopped) return;
    if (!(await this.act('assign_incident', { incidentId, assigneeId: reporterId }))) return;
    await sleep(3000 + Math.random() * 5000);
    if (this.stopped) return;
    await this.act('update_incident', { incidentId, status: 'IN_PROGRESS', note: 'On it' });
    await sleep(5000 + Math.random() * 10_000);
    if (this.stopped) return;
    await this.act('resolve_incident', { incidentId, resolution: 'Checked, all clear' });
  }
}
