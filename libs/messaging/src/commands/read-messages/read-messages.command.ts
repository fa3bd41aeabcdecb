import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';

export class ReadMessagesCommand extends Command<{ conversationId: string; upToMessageId: string }> {
  constructor(
    readonly principal: Principal,
    readonly conversationId: string,
    readonly upToMessageId: string,
    readonly clientEventId?: string,
  ) {
    super();
  }
}
