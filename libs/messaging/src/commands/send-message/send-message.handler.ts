import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppError, type Principal } from '#core';
import { CommandRunner, type UnitOfWork } from '#realtime';
import type { QueryConfig, QueryResultRow } from 'pg';
import { UnacknowledgedOrderTimer } from '../../dispatch/unacknowledged.timer.js';
import { directPair, isMember, mayTalkDirectly, siteStanding } from '../../domain/conversation.js';
import { assertMayRequireAck } from '../../domain/message-rules.js';
import { MessageCreatedEvent } from '../../events/message-events.js';
import {
  ensureDirectConversation,
  ensureSiteConversation,
} from '../../persistence/conversation.repository.js';
import { insertMessageDeferred } from '../../persistence/message.repository.js';
import {
  conversationSenderFacts,
  directSenderFacts,
  siteSenderFacts,
  type Sender,
} from '../../persistence/sender-facts.js';
import { assertMayWriteDirect, type MemberAccess } from '../member-access.js';
import { appendMessageEvent } from '../append-message-event.js';
import type { MessageTarget } from './send-message.dto.js';
import { SendMessageCommand } from './send-message.command.js';

/** Where a message goes, judged from the rows of `prefetch` (read with BEGIN). */
interface Destination {
  prefetch: QueryConfig;
  resolve(uow: UnitOfWork, rows: QueryResultRow[]): Promise<MemberAccess & { sender: Sender }>;
}

/**
 * The conversation a message goes to, checked live from the facts read with BEGIN (see
 * sender-facts.ts); site and direct conversations are created on first use.
 */
function destinationOf(me: Principal, target: MessageTarget): Destination {
  if ('siteId' in target) {
    const facts = siteSenderFacts(target.siteId, me.userId);
    return {
      prefetch: facts.query,
      resolve: async ({ tx }, rows) => {
        const found = facts.read(rows);
        if (!found) throw AppError.notFound('Site');
        const { standing } = found;
        if (!siteStanding(standing)) throw AppError.forbidden('You are not assigned to this site');
        const conversation = found.conversationId
          ? { id: found.conversationId, kind: 'site' as const, siteId: target.siteId, userIds: null }
          : await ensureSiteConversation(tx, target.siteId);
        return { conversation, standing, sender: found.sender };
      },
    };
  }
  if ('toUserId' in target) {
    const facts = directSenderFacts(me.userId, target.toUserId);
    return {
      prefetch: facts.query,
      resolve: async ({ tx }, rows) => {
        const found = facts.read(rows);
        if (!found) throw AppError.notFound('User');
        if (!mayTalkDirectly(found.sender, found.peer, found.shareSite))
          throw AppError.forbidden('You can write only to people who share a site with you', {
            field: 'toUserId',
          });
        const conversation = found.conversationId
          ? {
              id: found.conversationId,
              kind: 'direct' as const,
              siteId: null,
              userIds: directPair(me.userId, target.toUserId),
            }
          : await ensureDirectConversation(tx, me.userId, target.toUserId);
        const standing = { userId: me.userId, role: found.sender.role, assignedToSite: false };
        return { conversation, standing, sender: found.sender };
      },
    };
  }
  const facts = conversationSenderFacts(target.conversationId, me.userId);
  return {
    prefetch: facts.query,
    resolve: async ({ tx }, rows) => {
      const found = facts.read(rows);
      if (!found || !isMember(found.conversation, found.standing)) throw AppError.notFound('Conversation');
      const { conversation, standing, sender } = found;
      if (conversation.kind === 'direct')
        await assertMayWriteDirect(
          tx,
          me,
          conversation.userIds!.find((id) => id !== me.userId)!,
        );
      return { conversation, standing, sender };
    },
  };
}

/**
 * `message_send` (and POST /conversations/:id/messages): a member writes; members hear it. Two
 * round trips once the conversation exists: the facts with BEGIN, the message with COMMIT.
 */
@CommandHandler(SendMessageCommand)
export class SendMessageHandler implements ICommandHandler<SendMessageCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly orders: UnacknowledgedOrderTimer,
  ) {}

  async execute({ principal: me, target, text, requiresAck, clientEventId }: SendMessageCommand) {
    const { prefetch, resolve } = destinationOf(me, target);
    const ctx = { principal: me, command: 'message_send', clientEventId, prefetch };
    const outcome = await this.runner.run(ctx, async (uow, rows) => {
      const { conversation, standing, sender } = await resolve(uow, rows);
      if (requiresAck) assertMayRequireAck(conversation, standing);
      const message = insertMessageDeferred(uow, conversation, sender, text, requiresAck);
      if (requiresAck) this.orders.scheduleDeferred(uow, message);
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
