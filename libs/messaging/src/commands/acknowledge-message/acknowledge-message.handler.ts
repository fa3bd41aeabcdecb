import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#realtime';
import { mayAcknowledge } from '../../domain/message-rules.js';
import { MessageAcknowledgedEvent } from '../../events/message-events.js';
import { factsOf, recordAcknowledgement } from '../../persistence/message.repository.js';
import { messageForMember } from '../member-access.js';
import { appendMessageEvent } from '../append-message-event.js';
import { AcknowledgeMessageCommand } from './acknowledge-message.command.js';

/**
 * `message_acknowledge`: a guard of the site confirms a dispatch order; staff (and the guards)
 * see who did. A second acknowledgement by the same guard answers the order as it is, unchanged.
 */
@CommandHandler(AcknowledgeMessageCommand)
export class AcknowledgeMessageHandler implements ICommandHandler<AcknowledgeMessageCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ principal: me, messageId, clientEventId }: AcknowledgeMessageCommand) {
    const ctx = { principal: me, command: 'message_acknowledge', clientEventId };
    const outcome = await this.runner.run(ctx, async (uow) => {
      const {
        conversation,
        standing,
        message: current,
      } = await messageForMember(uow.tx, me, messageId, true);
      if (!mayAcknowledge(factsOf(current), conversation, standing)) return { message: current };
      const message = await recordAcknowledgement(uow.tx, messageId, me.userId);
      appendMessageEvent(
        uow,
        new MessageAcknowledgedEvent(conversation.id),
        'message_acknowledged',
        conversation,
        { message, userId: me.userId },
      );
      return { message };
    });
    return outcome.result;
  }
}
