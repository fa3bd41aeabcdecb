import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppError, type Principal } from '#core';
import { CommandRunner } from '#realtime';
import type { EntityManager } from 'typeorm';
import { UnacknowledgedOrderTimer } from '../../dispatch/unacknowledged.timer.js';
import { mayTalkDirectly, siteStanding } from '../../domain/conversation.js';
import { assertMayRequireAck } from '../../domain/message-rules.js';
import { MessageCreatedEvent } from '../../events/message-events.js';
import {
  directPairFacts,
  ensureDirectConversation,
  ensureSiteConversation,
  standingAtSite,
} from '../../persistence/conversation.repository.js';
import { insertMessage } from '../../persistence/message.repository.js';
import { assertMayWriteDirect, memberOf, type MemberAccess } from '../member-access.js';
import { appendMessageEvent } from '../append-message-event.js';
import type { MessageTarget } from './send-message.dto.js';
import { SendMessageCommand } from './send-message.command.js';

/** The conversation a message goes to, checked live; site and direct ones are created on first use. */
async function resolveTarget(tx: EntityManager, me: Principal, target: MessageTarget): Promise<MemberAccess> {
  if ('siteId' in target) {
    const standing = await standingAtSite(tx, target.siteId, me.userId);
    if (!standing) throw AppError.notFound('Site');
    if (!siteStanding(standing)) throw AppError.forbidden('You are not assigned to this site');
    return { conversation: await ensureSiteConversation(tx, target.siteId), standing };
  }
  if ('toUserId' in target) {
    const facts = await directPairFacts(tx, me.userId, target.toUserId);
    if (!facts) throw AppError.notFound('User');
    if (!mayTalkDirectly(facts.me, facts.peer, facts.shareSite))
      throw AppError.forbidden('You can write only to people who share a site with you', {
        field: 'toUserId',
      });
    const conversation = await ensureDirectConversation(tx, me.userId, target.toUserId);
    return { conversation, standing: { userId: me.userId, role: facts.me.role, assignedToSite: false } };
  }
  const access = await memberOf(tx, me, target.conversationId);
  const { conversation } = access;
  if (conversation.kind === 'direct')
    await assertMayWriteDirect(
      tx,
      me,
      conversation.userIds!.find((id) => id !== me.userId)!,
    );
  return access;
}

/** `message_send` (and POST /conversations/:id/messages): a member writes; members hear it. */
@CommandHandler(SendMessageCommand)
export class SendMessageHandler implements ICommandHandler<SendMessageCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly orders: UnacknowledgedOrderTimer,
  ) {}

  async execute({ principal: me, target, text, requiresAck, clientEventId }: SendMessageCommand) {
    const ctx = { principal: me, command: 'message_send', clientEventId };
    const outcome = await this.runner.run(ctx, async (uow) => {
      const { conversation, standing } = await resolveTarget(uow.tx, me, target);
      if (requiresAck) assertMayRequireAck(conversation, standing);
      const message = await insertMessage(uow.tx, conversation.id, me.userId, text, requiresAck);
      if (requiresAck) await this.orders.schedule(uow.tx, message);
      appendMessageEvent(
        uow,
        new MessageCreatedEvent(conversation.id),
        'message_created',
        conversation,
        { message },
        new Date(message.createdAt),
      );
      return { message };
    });
    return outcome.result;
  }
}
