import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { MembershipChangedEvent, PasswordChangedEvent, SiteCreatedEvent, UserDeactivatedEvent } from '#core';
import { Publisher } from '../publisher/publisher.service.js';
import { MembershipSync } from './membership-sync.service.js';

@EventsHandler(MembershipChangedEvent)
export class MoveSocketsWhenMembershipChanged implements IEventHandler<MembershipChangedEvent> {
  constructor(private readonly sync: MembershipSync) {}
  async handle(e: MembershipChangedEvent): Promise<void> {
    await this.sync.userChanged(e.userId, e.role, e.siteIds, e.previousRole, e.previousSiteIds);
  }
}

@EventsHandler(UserDeactivatedEvent)
export class RevokeSocketsWhenUserDeactivated implements IEventHandler<UserDeactivatedEvent> {
  constructor(private readonly publisher: Publisher) {}
  handle(e: UserDeactivatedEvent): void {
    this.publisher.disconnectUser(e.userId, 'session_revoked', { reason: 'USER_DEACTIVATED' });
  }
}

/** The same revocation as a deactivation: docs/protocol.md section 8 (password change). */
@EventsHandler(PasswordChangedEvent)
export class RevokeSocketsWhenPasswordChanged implements IEventHandler<PasswordChangedEvent> {
  constructor(private readonly publisher: Publisher) {}
  handle(e: PasswordChangedEvent): void {
    this.publisher.disconnectUser(e.userId, 'session_revoked', { reason: 'PASSWORD_CHANGED' });
  }
}

@EventsHandler(SiteCreatedEvent)
export class JoinAdminsWhenSiteCreated implements IEventHandler<SiteCreatedEvent> {
  constructor(private readonly sync: MembershipSync) {}
  handle(e: SiteCreatedEvent): void {
    this.sync.siteCreated(e.siteId);
  }
}
