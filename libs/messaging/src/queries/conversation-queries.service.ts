import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '#core';
import { DataSource } from 'typeorm';
import { memberOf } from '../commands/member-access.js';
import { listConversations, type ConversationSummary } from '../persistence/conversation-list.repository.js';
import { messagesBefore, type MessageView } from '../persistence/message.repository.js';

const beforeNotInConversation = () =>
  AppError.validation(
    [{ field: 'before', constraints: { inConversation: 'before must be a message of this conversation' } }],
    'before is not a message of this conversation',
  );

/** REST reads; membership is checked as stored now, like the commands do. */
@Injectable()
export class ConversationQueries {
  constructor(private readonly db: DataSource) {}

  async list(me: Principal): Promise<{ items: ConversationSummary[] }> {
    return { items: await listConversations(this.db.manager, me.userId) };
  }

  async messages(
    me: Principal,
    conversationId: string,
    before: string | undefined,
    limit: number,
  ): Promise<{ items: MessageView[]; nextBefore: string | null }> {
    await memberOf(this.db.manager, me, conversationId);
    // one more than asked: whether an older page exists, without counting
    const rows = await messagesBefore(this.db.manager, conversationId, before ?? null, limit + 1);
    if (!rows) throw beforeNotInConversation();
    const items = rows.slice(0, limit);
    return { items, nextBefore: rows.length > limit ? items[items.length - 1].id : null };
  }
}
