import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppError } from '#core';
import { CommandRunner } from '#realtime';
import { MessagesReadEvent } from '../../events/message-events.js';
import { markRead } from '../../persistence/conversation.repository.js';
import { appendMessageEvent } from '../append-message-event.js';
import { memberOf } from '../member-access.js';
import { ReadMessagesCommand } from './read-messages.command.js';

/**
 * `message_read`: a member's read marker moves forward to a message (never back); members hear
 * `messages_read` when it moved. The ack names the marker as it stands.
 */
@CommandHandler(ReadMessagesCommand)
export class ReadMessagesHandler implements ICommandHandler<ReadMessagesCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ principal: me, conversationId, upToMessageId, clientEventId }: ReadMessagesCommand) {
    const ctx = { principal: me, command: 'message_read', clientEventId };
    const outcome = await this.runner.run(ctx, async (uow) => {
      const { conversation } = await memberOf(uow.tx, me, conversationId);
      const marker = await markRead(uow.tx, conversationId, me.userId, upToMessageId);
      if (!marker) throw AppError.notFound('Message');
      const { upToMessageId: upTo, readAt } = marker;
      if (marker.advanced)
        appendMessageEvent(uow, new MessagesReadEvent(conversation.id), 'messages_read', conversation, {
          conversationId,
          userId: me.userId,
          upToMessageId: upTo,
          readAt,
        });
      return { conversationId, upToMessageId: marker.upToMessageId };
    });
    return outcome.result;
  }
}
