import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';

export class SetTypingCommand extends Command<Record<string, never>> {
  constructor(
    readonly principal: Principal,
    readonly conversationId: string,
    readonly typing: boolean,
  ) {
    super();
  }
}
