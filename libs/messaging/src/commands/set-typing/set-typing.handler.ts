import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppError, canAccessSite, type Principal } from '#core';
import { DataSource } from 'typeorm';
import type { ConversationRef } from '../../domain/conversation.js';
import { findConversation } from '../../persistence/conversation.repository.js';
import { TypingTracker } from '../../typing/typing-tracker.js';
import { SetTypingCommand } from './set-typing.command.js';

const KEPT = 10_000;

/** A member of the conversation by the socket's principal, which membership changes keep live. */
const memberNow = (me: Principal, c: ConversationRef): boolean =>
  c.kind === 'site' ? canAccessSite(me, c.siteId!) : c.userIds!.includes(me.userId);

/**
 * `typing`: no transaction and nothing stored. Conversations never change kind or members, so
 * they are kept after the first read: a typing flag costs no database round trip after that.
 */
@CommandHandler(SetTypingCommand)
export class SetTypingHandler implements ICommandHandler<SetTypingCommand> {
  private readonly conversations = new Map<string, ConversationRef>();

  constructor(
    private readonly db: DataSource,
    private readonly tracker: TypingTracker,
  ) {}

  async execute({ principal: me, conversationId, typing }: SetTypingCommand) {
    const conversation = await this.conversation(conversationId);
    if (!conversation || !memberNow(me, conversation)) throw AppError.notFound('Conversation');
    this.tracker.set(conversation, me.userId, typing);
    return {};
  }

  private async conversation(id: string): Promise<ConversationRef | null> {
    const kept = this.conversations.get(id);
    if (kept) return kept;
    const found = await findConversation(this.db.manager, id);
    if (found) {
      if (this.conversations.size >= KEPT) this.conversations.clear();
      this.conversations.set(id, found);
    }
    return found;
  }
}
