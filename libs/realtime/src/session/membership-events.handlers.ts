import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { MembershipChangedEvent, SiteCreatedEvent, UserDeactivatedEvent } from '#core';
import { SessionControls } from '../session-controls/session-controls.service.js';
import { MembershipSync } from './membership-sync.service.js';

@EventsHandler(MembershipChangedEvent)
export class MoveSocketsWhenMembershipChanged implements IEventHandler<MembershipChangedEvent> {
  constructor(private readonly sync: MembershipSync) {}
  async handle(e: MembershipChangedEvent): Promise<void> {
    await this.sync.userChanged(e.userId, e.role, e.siteIds);
  }
}

@EventsHandler(UserDeactivatedEvent)
export class RevokeSocketsWhenUserDeactivated implements IEventHandler<UserDeactivatedEvent> {
  constructor(private readonly controls: SessionControls) {}
  async handle(e: UserDeactivatedEvent): Promise<void> {
    await this.controls.revokeUser(e.userId, 'USER_DEACTIVATED');
  }
}

@EventsHandler(SiteCreatedEvent)
export class JoinAdminsWhenSiteCreated implements IEventHandler<SiteCreatedEvent> {
  constructor(private readonly sync: MembershipSync) {}
  async handle(e: SiteCreatedEvent): Promise<void> {
    await this.sync.siteCreated(e.siteId);
  }
}
