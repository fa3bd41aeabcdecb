import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#realtime';
import { assertMayEdit } from '../../domain/message-rules.js';
import { MessageEditedEvent } from '../../events/message-events.js';
import { editMessageText, factsOf } from '../../persistence/message.repository.js';
import { messageForMember } from '../member-access.js';
import { appendMessageEvent } from '../append-message-event.js';
import { EditMessageCommand } from './edit-message.command.js';

/** `message_edit`: the author corrects a message within 15 minutes; members hear it. */
@CommandHandler(EditMessageCommand)
export class EditMessageHandler implements ICommandHandler<EditMessageCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ principal: me, messageId, text, clientEventId }: EditMessageCommand) {
    const ctx = { principal: me, command: 'message_edit', clientEventId };
    const outcome = await this.runner.run(ctx, async (uow) => {
      const {
        conversation,
        standing,
        message: current,
      } = await messageForMember(uow.tx, me, messageId, true);
      assertMayEdit(factsOf(current), standing, new Date());
      const message = await editMessageText(uow.tx, messageId, text);
      appendMessageEvent(uow, new MessageEditedEvent(conversation.id), 'message_edited', conversation, {
        message,
      });
      return { message };
    });
    return outcome.result;
  }
}
