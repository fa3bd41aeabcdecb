import { Injectable } from '@nestjs/common';
import { AppError, MembershipService, SiteEntity } from '#core';
import { DataSource } from 'typeorm';
import { Rooms } from '../contract/rooms.js';
import { PresenceService } from '../presence/presence.service.js';
import { Publisher } from '../publisher/publisher.service.js';
import { SiteSnapshotRegistry } from './site-snapshot.registry.js';
import type { PsSocket } from './socket-session.js';

/**
 * A staff socket's view of one site: `join_site` (re)joins the site's staff room and returns a
 * snapshot; `leave_site` stops this socket's live feed of that site until it joins again or
 * reconnects (missed durable events stay available through `sync`).
 */
@Injectable()
export class SiteViewService {
  constructor(
    private readonly db: DataSource,
    private readonly publisher: Publisher,
    private readonly presenceService: PresenceService,
    private readonly membership: MembershipService,
    private readonly snapshots: SiteSnapshotRegistry,
  ) {}

  async join(socket: PsSocket, siteId: string) {
    const site = await this.db.getRepository(SiteEntity).findOneBy({ id: siteId });
    if (!site) throw AppError.notFound('Site');
    this.publisher.joinSocket(socket, [Rooms.siteStaff(siteId)]);
    return { site, presence: await this.presence(siteId), ...(await this.snapshots.build(siteId)) };
  }

  leave(socket: PsSocket, siteId: string): void {
    this.publisher.leaveSocket(socket, [Rooms.siteStaff(siteId)]);
  }

  async presence(siteId: string) {
    const rows = (await this.db.query(
      `SELECT u.id, u.role FROM users u JOIN site_assignments a ON a.user_id = u.id
        WHERE a.site_id = $1 AND u.active ORDER BY u.name, u.id`,
      [siteId],
    )) as { id: string; role: string }[];
    const statuses = await this.presenceService.statuses(rows.map((r) => r.id));
    return rows.map((r) => ({ userId: r.id, role: r.role, ...statuses.get(r.id)! }));
  }
}
