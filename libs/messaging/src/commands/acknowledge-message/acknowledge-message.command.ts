import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';
import type { MessageView } from '../../persistence/message.repository.js';

export class AcknowledgeMessageCommand extends Command<{ message: MessageView }> {
  constructor(
    readonly principal: Principal,
    readonly messageId: string,
    readonly clientEventId?: string,
  ) {
    super();
  }
}
