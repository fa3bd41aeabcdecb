import { randomUUID } from 'node:crypto';
import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { RevocationReason } from '#contract';
import { AppConfig, RedisConnections, rootLogger, type Role } from '#core';
import { readableStreams, Rooms } from '../contract/rooms.js';
import { LogListener } from '../delivery/log-listener.js';
import { SESSION_CONTROLS_CHANNEL } from '../delivery/log-notice.js';
import { Publisher } from '../publisher/publisher.service.js';
import { EventStore } from '../streams/event-store.js';
import { applyControl } from './apply-session-control.js';
import { ControlLedger, type SessionControl } from './control-ledger.js';
import { CONTROL_WINDOW_S, SessionControlLog } from './session-control-log.js';

const CONTROL = 'ps:session-control';

/** Why a user's sessions end: the `reason` of `session_revoked`. */
export type { RevocationReason } from '#contract';

/**
 * Changes to live sessions that must reach the user's sockets on every node whatever Redis does:
 * each is recorded in PostgreSQL (session_controls), applied here at once, sent to the other
 * nodes over Redis as a fast path, and read from the log by every node (NOTIFY, a poll every
 * LOG_CATCH_UP_POLL_MS, and after the listening connection comes back). Each node applies each
 * control once to its own sockets (ControlLedger).
 */
@Injectable()
export class SessionControls implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = rootLogger().child({ context: 'session-controls' });
  private readonly ledger = new ControlLedger();
  private seeded?: Promise<void>;
  private poller?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly controls: SessionControlLog,
    private readonly publisher: Publisher,
    private readonly listener: LogListener,
    private readonly events: EventStore,
    private readonly redis: RedisConnections,
  ) {}

  /**
   * The one entry point that ends a user's live sessions on every node (`session_revoked`). With
   * `tokenEpoch` (the epoch the change raised) only sockets of tokens issued before it are cut, so a
   * socket opened with the fresh tokens of POST /me/password survives a node that applies it late.
   */
  revokeUser(userId: string, reason: RevocationReason, tokenEpoch?: number): Promise<void> {
    return this.issue('revoke', userId, { reason, ...(tokenEpoch !== undefined && { tokenEpoch }) });
  }

  /** A user's role or visible sites changed: their sockets move rooms and get `assignments_changed`. */
  async membershipChanged(userId: string, role: Role, siteIds: string[]): Promise<void> {
    // Read before the sockets move, so every event committed after `assignments_changed` reaches
    // them live; without heads a room starts at whatever the log follower reads later, and events
    // in between would come only through the client's `sync`.
    const streams = readableStreams({ userId, role, siteIds });
    const heads = await this.events.heads(streams).catch(() => undefined);
    return this.issue('membership', userId, { role, siteIds, heads });
  }

  /**
   * A new site: connected admins join its staff room at once. Its streams start at 0, so nothing
   * needs reading: whatever was written to them since the site was committed reaches them too.
   */
  siteCreated(siteId: string): Promise<void> {
    return this.issue('site_created', null, { siteId, heads: { [Rooms.siteStaff(siteId)]: 0 } });
  }

  onModuleInit(): void {
    this.publisher.onControl(CONTROL, (c) => this.apply(c as SessionControl));
    this.listener.on(SESSION_CONTROLS_CHANNEL, () => void this.readLog());
    this.listener.onConnected(() => void this.readLog());
  }

  async onApplicationBootstrap(): Promise<void> {
    // What was recorded before this node started concerns sockets it never had.
    this.seeded = this.controls.recent().then((all) => all.forEach((c) => this.ledger.admit(c)));
    await this.seeded;
    this.poller = setInterval(() => void this.readLog(), this.config.LOG_CATCH_UP_POLL_MS);
    this.poller.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.poller);
  }

  /**
   * Applies a control to this node's sockets at once, before recording it (a revocation cuts them
   * before any round trip), then records it (with `heads`, where every node starts following the
   * rooms it joins) and sends it to the other nodes over Redis.
   */
  private async issue(
    kind: SessionControl['kind'],
    userId: string | null,
    data: Record<string, unknown>,
  ): Promise<void> {
    let control: SessionControl = { id: `local:${randomUUID()}`, kind, userId, data, createdAt: Date.now() };
    this.apply(control);
    try {
      control = await this.controls.record(kind, userId, data);
      this.ledger.admit(control); // applied here already
    } catch (err) {
      // Still sent over Redis: the change itself was committed moments ago.
      this.log.error({ err, kind, userId }, 'session control not recorded; sent over Redis only');
    }
    // Not queued for a Redis that is down: the other nodes read the row, and a copy delivered
    // after the ledger forgot its id would be applied twice.
    if (this.redis.reachable) this.publisher.toOtherNodes(CONTROL, control);
    if (kind === 'revoke') this.log.info({ userId, ...data }, 'user sessions revoked');
  }

  private async readLog(): Promise<void> {
    if (!this.seeded) return;
    try {
      await this.seeded;
      for (const c of await this.controls.recent()) this.apply(c);
      this.ledger.prune(Date.now() - 2 * CONTROL_WINDOW_S * 1000);
    } catch (err) {
      this.log.debug({ err }, 'session controls not read; retrying at the next poll');
    }
  }

  private apply(c: SessionControl): void {
    const io = this.publisher.attached;
    if (io && this.ledger.admit(c)) applyControl(io, c); // no server yet: no socket to apply it to
  }
}
