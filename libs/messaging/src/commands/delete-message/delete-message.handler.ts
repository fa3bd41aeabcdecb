import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#realtime';
import { UnacknowledgedOrderTimer } from '../../dispatch/unacknowledged.timer.js';
import { assertMayDelete } from '../../domain/message-rules.js';
import { MessageDeletedEvent } from '../../events/message-events.js';
import { factsOf, tombstoneMessage } from '../../persistence/message.repository.js';
import { messageForMember } from '../member-access.js';
import { appendMessageEvent } from '../append-message-event.js';
import { DeleteMessageCommand } from './delete-message.command.js';

/**
 * `message_delete`: the author, or site staff in a site conversation, removes the text; the row
 * stays as a tombstone (`deletedAt`), and a dispatch order's deadline goes with it.
 */
@CommandHandler(DeleteMessageCommand)
export class DeleteMessageHandler implements ICommandHandler<DeleteMessageCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly orders: UnacknowledgedOrderTimer,
  ) {}

  async execute({ principal: me, messageId, clientEventId }: DeleteMessageCommand) {
    const ctx = { principal: me, command: 'message_delete', clientEventId };
    const outcome = await this.runner.run(ctx, async (uow) => {
      const {
        conversation,
        standing,
        message: current,
      } = await messageForMember(uow.tx, me, messageId, true);
      assertMayDelete(factsOf(current), conversation, standing);
      const message = await tombstoneMessage(uow.tx, messageId, me.userId);
      if (current.requiresAck) await this.orders.cancel(uow.tx, messageId);
      appendMessageEvent(uow, new MessageDeletedEvent(conversation.id), 'message_deleted', conversation, {
        message,
      });
      return { message };
    });
    return outcome.result;
  }
}
