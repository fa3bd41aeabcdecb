import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, type Principal } from '#core';
import { Rooms } from '../contract/rooms.js';
import { Publisher } from '../publisher/publisher.service.js';

export interface PresenceEntry {
  userId: string;
  role: string;
  status: 'online' | 'offline';
  since: string;
}

/**
 * Who is online, aware of several devices per user: online with the first socket, offline only
 * after PRESENCE_OFFLINE_GRACE_S without any socket. `presence_changed` goes to the staff of the
 * user's sites (admins without sites: to the admins).
 */
@Injectable()
export class PresenceService implements OnApplicationShutdown {
  private readonly sockets = new Map<string, Set<string>>();
  private readonly state = new Map<string, PresenceEntry & { siteIds: string[] }>();
  private readonly pendingOffline = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly config: AppConfig,
    private readonly publisher: Publisher,
  ) {}

  socketConnected(p: Principal, socketId: string): void {
    const set = this.sockets.get(p.userId) ?? new Set<string>();
    set.add(socketId);
    this.sockets.set(p.userId, set);
    clearTimeout(this.pendingOffline.get(p.userId));
    this.pendingOffline.delete(p.userId);
    const current = this.state.get(p.userId);
    if (current?.status === 'online') return void (current.siteIds = p.siteIds);
    this.change(p.userId, p.role, p.siteIds, 'online');
  }

  socketDisconnected(p: Principal, socketId: string): void {
    const set = this.sockets.get(p.userId);
    set?.delete(socketId);
    if (set?.size) return;
    this.sockets.delete(p.userId);
    const timer = setTimeout(() => {
      this.pendingOffline.delete(p.userId);
      if (!this.sockets.has(p.userId)) this.change(p.userId, p.role, p.siteIds, 'offline');
    }, this.config.PRESENCE_OFFLINE_GRACE_S * 1000);
    timer.unref();
    this.pendingOffline.set(p.userId, timer);
  }

  /** Current connection count of a user on this node (0 when none). */
  connectionCount(userId: string): number {
    return this.sockets.get(userId)?.size ?? 0;
  }

  statusOf(userId: string): { status: 'online' | 'offline'; since: string | null } {
    const s = this.state.get(userId);
    return s ? { status: s.status, since: s.since } : { status: 'offline', since: null };
  }

  private change(userId: string, role: string, siteIds: string[], status: 'online' | 'offline'): void {
    const at = new Date().toISOString();
    this.state.set(userId, { userId, role, status, since: at, siteIds });
    const rooms = role === 'admin' ? [Rooms.role('admin')] : siteIds.map((s) => Rooms.siteStaff(s));
    if (rooms.length) this.publisher.emitTo(rooms, 'presence_changed', { userId, role, status, at });
  }

  onApplicationShutdown(): void {
    for (const t of this.pendingOffline.values()) clearTimeout(t);
  }
}
