import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MembershipService, type Role } from '#core';
import { Rooms, roomsOf } from '../contract/rooms.js';
import { Publisher } from '../publisher/publisher.service.js';
import { localSocketsIn } from './local-sockets.js';

const MEMBERSHIP = 'ps:membership';
const SITE_CREATED = 'ps:site-created';

interface MembershipMessage {
  userId: string;
  role: Role;
  siteIds: string[];
}

/**
 * Keeps live sockets in step with the database when an admin changes a user's role or sites:
 * rooms move cluster-wide through the adapter (socketsLeave/socketsJoin), every node refreshes the
 * cached principal of its own sockets, and the user hears `assignments_changed`.
 */
@Injectable()
export class MembershipSync implements OnModuleInit {
  constructor(
    private readonly publisher: Publisher,
    private readonly membership: MembershipService,
  ) {}

  onModuleInit(): void {
    this.publisher.onControl(MEMBERSHIP, (m) => this.applyLocally(m as MembershipMessage));
    this.publisher.onControl(SITE_CREATED, (siteId) => this.addSiteLocally(siteId as string));
  }

  async userChanged(
    userId: string,
    role: Role,
    assignedSiteIds: string[],
    previousRole: Role,
    previousSiteIds: string[],
  ) {
    const siteIds = await this.membership.visibleSiteIds(role, assignedSiteIds);
    const before = roomsOf({
      userId,
      role: previousRole,
      siteIds: await this.membership.visibleSiteIds(previousRole, previousSiteIds),
    });
    const after = roomsOf({ userId, role, siteIds });
    this.publisher.moveUser(
      userId,
      before.filter((r) => !after.includes(r)),
      after.filter((r) => !before.includes(r)),
    );
    const message = { userId, role, siteIds };
    this.applyLocally(message);
    this.publisher.toOtherNodes(MEMBERSHIP, message);
    this.publisher.emitToUser(userId, 'assignments_changed', { siteIds, role });
  }

  /** A new site: connected admins join its staff room and see it in their principal. */
  siteCreated(siteId: string): void {
    this.publisher.joinRoomsWhere(Rooms.role('admin'), [Rooms.siteStaff(siteId)]);
    this.addSiteLocally(siteId);
    this.publisher.toOtherNodes(SITE_CREATED, siteId);
  }

  private addSiteLocally(siteId: string): void {
    for (const s of localSocketsIn(this.publisher.io, Rooms.role('admin')))
      if (!s.data.principal.siteIds.includes(siteId))
        s.data.principal = { ...s.data.principal, siteIds: [...s.data.principal.siteIds, siteId] };
  }

  private applyLocally(m: MembershipMessage): void {
    for (const s of localSocketsIn(this.publisher.io, Rooms.user(m.userId)))
      s.data.principal = { ...s.data.principal, role: m.role, siteIds: m.siteIds };
  }
}
