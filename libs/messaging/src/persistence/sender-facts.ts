import type { Role } from '#core';
import { preparedQuery } from '#realtime';
import type { QueryConfig } from 'pg';
import { directPair, type ConversationRef, type Standing } from '../domain/conversation.js';
import { CONVERSATION_WITH_STANDING_SQL, SHARE_SITE_SQL, toRef } from './conversation.repository.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows, mapped field by field
type Row = Record<string, any>;

/** The sender as stored now: the message carries this name and role. */
export interface Sender {
  userId: string;
  role: Role;
  name: string;
}

/**
 * What `message_send` must know before it writes, read live by one prepared statement that
 * travels with BEGIN and the idempotency claim (CommandContext.prefetch): the sender, their
 * standing, and the conversation when it exists already. `read` maps its rows; null when the
 * target or the (active) sender is unknown.
 */
export interface SenderFactsQuery<F> {
  query: QueryConfig;
  read(rows: Row[]): F | null;
}

/** A site's conversation: the sender's standing at the site. Null when the site is unknown. */
export function siteSenderFacts(
  siteId: string,
  userId: string,
): SenderFactsQuery<{ sender: Sender; standing: Standing; conversationId: string | null }> {
  return {
    query: preparedQuery(
      `SELECT u.role, u.name,
          EXISTS (SELECT 1 FROM site_assignments a WHERE a.user_id = u.id AND a.site_id = s.id) AS assigned,
          (SELECT c.id FROM conversations c WHERE c.kind = 'site' AND c.site_id = s.id) AS conversation_id
         FROM sites s JOIN users u ON u.id = $2 AND u.active WHERE s.id = $1`,
      [siteId, userId],
    ),
    read: ([r]) =>
      r
        ? {
            sender: { userId, role: r.role as Role, name: r.name as string },
            standing: { userId, role: r.role as Role, assignedToSite: r.assigned as boolean },
            conversationId: r.conversation_id as string | null,
          }
        : null,
  };
}

/** A direct conversation: both users and whether they share a site. Null when either is unknown. */
export function directSenderFacts(
  userId: string,
  peerId: string,
): SenderFactsQuery<{
  sender: Sender;
  peer: { userId: string; role: Role };
  shareSite: boolean;
  conversationId: string | null;
}> {
  return {
    query: preparedQuery(
      `SELECT me.role AS my_role, me.name AS my_name, peer.role AS peer_role, ${SHARE_SITE_SQL} AS share,
          (SELECT c.id FROM conversations c WHERE c.kind = 'direct' AND c.user_a = $3 AND c.user_b = $4)
            AS conversation_id
         FROM users me JOIN users peer ON peer.id = $2 AND peer.active WHERE me.id = $1 AND me.active`,
      [userId, peerId, ...directPair(userId, peerId)],
    ),
    read: ([r]) =>
      r
        ? {
            sender: { userId, role: r.my_role as Role, name: r.my_name as string },
            peer: { userId: peerId, role: r.peer_role as Role },
            shareSite: r.share as boolean,
            conversationId: r.conversation_id as string | null,
          }
        : null,
  };
}

/** A conversation by id and the sender's standing in it. Null when either is unknown. */
export function conversationSenderFacts(
  conversationId: string,
  userId: string,
): SenderFactsQuery<{ sender: Sender; standing: Standing; conversation: ConversationRef }> {
  return {
    query: preparedQuery(CONVERSATION_WITH_STANDING_SQL, [conversationId, userId]),
    read: ([r]) =>
      r
        ? {
            sender: { userId, role: r.role as Role, name: r.name as string },
            standing: { userId, role: r.role as Role, assignedToSite: r.assigned as boolean },
            conversation: toRef(r),
          }
        : null,
  };
}
