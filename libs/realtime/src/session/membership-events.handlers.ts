import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { MembershipChangedEvent, PasswordChangedEvent, SiteCreatedEvent, UserDeactivatedEvent } from '#core';
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
    await this.controls.revokeUser(e.userId, 'USER_DEACTIVATED', e.tokenEpoch);
  }
}

/** The same revocation as a deactivation: docs/protocol.md section 8 (password change). */
@EventsHandler(PasswordChangedEvent)
export class RevokeSocketsWhenPasswordChanged implements IEventHandler<PasswordChangedEvent> {
  constructor(private readonly controls: SessionControls) {}
  async handle(e: PasswordChangedEvent): Promise<void> {
    await this.controls.revokeUser(e.userId, 'PASSWORD_CHANGED', e.tokenEpoch);
  }
}

@EventsHandler(SiteCreatedEvent)
export class JoinAdminsWhenSiteCreated implements IEventHandler<SiteCreatedEvent> {
  constructor(private readonly sync: MembershipSync) {}
  async handle(e: SiteCreatedEvent): Promise<void> {
    await this.sync.siteCreated(e.siteId);
  }
}
