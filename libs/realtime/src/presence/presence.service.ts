import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { AppConfig, rootLogger, type Principal } from '#core';
import { PresenceChangedEvent } from './presence-changed.event.js';
import type { PresenceStatus, PresenceStore } from './presence.store.js';

export const PRESENCE_STORE = Symbol('PRESENCE_STORE');

export interface PresenceEntry {
  userId: string;
  role: string;
  status: 'online' | 'offline';
  since: string;
}

const HEARTBEAT_MS = 10_000;

/**
 * Who is online, aware of several devices per user and of several nodes: online with the first
 * socket anywhere, offline only after PRESENCE_OFFLINE_GRACE_S without any socket anywhere.
 * A transition is raised as a PresenceChangedEvent by the one node whose store call made it; its
 * handler sends `presence_changed` to the staff of the user's sites (admins: to the admins).
 */
@Injectable()
export class PresenceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly local = new Map<string, Set<string>>();
  private readonly pendingOffline = new Map<string, NodeJS.Timeout>();
  private readonly known = new Map<string, Pick<Principal, 'role' | 'siteIds'>>();
  private heartbeat?: NodeJS.Timeout;
  private warned = false;
  private readonly log = rootLogger().child({ context: 'presence' });

  constructor(
    private readonly config: AppConfig,
    private readonly events: EventBus,
    @Inject(PRESENCE_STORE) private readonly store: PresenceStore,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.store.heartbeat) return;
    const beat = () =>
      void this.safely(async () => {
        await this.store.heartbeat!();
        for (const userId of (await this.store.sweepDeadNodes?.()) ?? []) this.scheduleOffline(userId);
      });
    beat();
    this.heartbeat = setInterval(beat, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  socketConnected(p: Principal, socketId: string): void {
    const set = this.local.get(p.userId) ?? new Set<string>();
    set.add(socketId);
    this.local.set(p.userId, set);
    this.known.set(p.userId, { role: p.role, siteIds: p.siteIds });
    clearTimeout(this.pendingOffline.get(p.userId));
    this.pendingOffline.delete(p.userId);
    const at = new Date().toISOString();
    void this.safely(async () => {
      if (await this.store.add(p.userId, socketId, at)) this.announce(p.userId, 'online', at);
    });
  }

  socketDisconnected(p: Principal, socketId: string): void {
    const set = this.local.get(p.userId);
    set?.delete(socketId);
    if (set && !set.size) this.local.delete(p.userId);
    this.known.set(p.userId, { role: p.role, siteIds: p.siteIds });
    void this.safely(async () => {
      if ((await this.store.remove(p.userId, socketId)) === 0) this.scheduleOffline(p.userId);
    });
  }

  /** Sockets of a user connected to this node. */
  connectionCount(userId: string): number {
    return this.local.get(userId)?.size ?? 0;
  }

  /** This node's view only (sockets connected here); across nodes use statuses(). */
  statusOf(userId: string): PresenceStatus {
    return { status: this.connectionCount(userId) > 0 ? 'online' : 'offline', since: null };
  }

  /** Cluster-wide statuses; while the store is unreachable, this node's own view (degraded). */
  async statuses(userIds: string[]): Promise<Map<string, PresenceStatus>> {
    try {
      return await this.store.statuses(userIds);
    } catch (err) {
      if (!this.warned) this.log.warn({ err }, 'presence store unavailable; answering from this node only');
      this.warned = true;
      return new Map(userIds.map((id) => [id, this.statusOf(id)]));
    }
  }

  private scheduleOffline(userId: string): void {
    clearTimeout(this.pendingOffline.get(userId));
    const timer = setTimeout(() => {
      this.pendingOffline.delete(userId);
      const at = new Date().toISOString();
      void this.safely(async () => {
        if (await this.store.markOfflineIfIdle(userId, at)) this.announce(userId, 'offline', at);
      });
    }, this.config.PRESENCE_OFFLINE_GRACE_S * 1000);
    timer.unref();
    this.pendingOffline.set(userId, timer);
  }

  private announce(userId: string, status: 'online' | 'offline', at: string): void {
    const who = this.known.get(userId);
    if (!who) return;
    this.events.publish(new PresenceChangedEvent(userId, who.role, who.siteIds, status, at));
  }

  private async safely(work: () => Promise<void>): Promise<void> {
    try {
      await work();
      this.warned = false;
    } catch (err) {
      if (!this.warned)
        this.log.warn({ err }, 'presence store unavailable; presence may lag until it is back');
      this.warned = true;
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    for (const t of this.pendingOffline.values()) clearTimeout(t);
  }
}
