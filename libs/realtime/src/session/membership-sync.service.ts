import { Injectable } from '@nestjs/common';
import { MembershipService, type Role } from '#core';
import { SessionControls } from '../session-controls/session-controls.service.js';

/**
 * Keeps live sockets in step with the database when an admin changes a user's role or sites, or
 * creates a site: the sites the user now sees are worked out once here, and SessionControls
 * carries the change to the user's sockets on every node (rooms, principal, `assignments_changed`).
 */
@Injectable()
export class MembershipSync {
  constructor(
    private readonly controls: SessionControls,
    private readonly membership: MembershipService,
  ) {}

  async userChanged(userId: string, role: Role, assignedSiteIds: string[]): Promise<void> {
    const siteIds = await this.membership.visibleSiteIds(role, assignedSiteIds);
    await this.controls.membershipChanged(userId, role, siteIds);
  }

  /** A new site: connected admins join its staff room and see it in their principal. */
  siteCreated(siteId: string): Promise<void> {
    return this.controls.siteCreated(siteId);
  }
}
