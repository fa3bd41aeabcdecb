import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';
import type { MessageView } from '../../persistence/message.repository.js';
import type { MessageTarget } from './send-message.dto.js';

export class SendMessageCommand extends Command<{ message: MessageView }> {
  constructor(
    readonly principal: Principal,
    readonly target: MessageTarget,
    readonly text: string,
    readonly requiresAck: boolean,
    readonly clientEventId?: string,
  ) {
    super();
  }
}
