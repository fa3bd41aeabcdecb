import { AppError, type Principal } from '#core';
import type { EntityManager } from 'typeorm';
import { isMember, mayTalkDirectly, type ConversationRef, type Standing } from '../domain/conversation.js';
import { conversationWithStanding, directPairFacts } from '../persistence/conversation.repository.js';
import { findMessage, type MessageView } from '../persistence/message.repository.js';

export interface MemberAccess {
  conversation: ConversationRef;
  standing: Standing;
}

/**
 * The conversation, if the user is a member of it now (assignments read live). Anything else is
 * NOT_FOUND: a conversation one is not part of does not exist for one (nothing leaks).
 */
export async function memberOf(
  tx: EntityManager,
  me: Principal,
  conversationId: string,
): Promise<MemberAccess> {
  const found = await conversationWithStanding(tx, conversationId, me.userId);
  if (!found || !isMember(found.conversation, found.standing)) throw AppError.notFound('Conversation');
  return found;
}

/** A message of a conversation the user is a member of now, optionally locked. */
export async function messageForMember(
  tx: EntityManager,
  me: Principal,
  messageId: string,
  lock = false,
): Promise<MemberAccess & { message: MessageView }> {
  const message = await findMessage(tx, messageId, lock);
  if (!message) throw AppError.notFound('Message');
  const found = await conversationWithStanding(tx, message.conversationId, me.userId);
  if (!found || !isMember(found.conversation, found.standing)) throw AppError.notFound('Message');
  return { ...found, message };
}

/** Writing in a direct conversation needs the two users to share a site still (or an admin). */
export async function assertMayWriteDirect(tx: EntityManager, me: Principal, peerId: string): Promise<void> {
  const facts = await directPairFacts(tx, me.userId, peerId);
  if (!facts) throw AppError.forbidden('The other user is no longer active');
  if (!mayTalkDirectly(facts.me, facts.peer, facts.shareSite))
    throw AppError.forbidden('You no longer share a site with this user');
}
