import type { Role } from '#core';
import type { EntityManager } from 'typeorm';
import { directPair, type ConversationRef, type Standing } from '../domain/conversation.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows, mapped field by field
type Row = Record<string, any>;

export const toRef = (r: Row): ConversationRef => ({
  id: r.id,
  kind: r.kind,
  siteId: r.site_id,
  userIds: r.kind === 'direct' ? [r.user_a, r.user_b] : null,
});

/** A conversation ($1) and the acting user's ($2) standing in it, with the user's name. */
export const CONVERSATION_WITH_STANDING_SQL = `SELECT c.id, c.kind, c.site_id, c.user_a, c.user_b, u.role, u.name,
    (c.site_id IS NOT NULL AND EXISTS (SELECT 1 FROM site_assignments a
      WHERE a.user_id = u.id AND a.site_id = c.site_id)) AS assigned
   FROM conversations c JOIN users u ON u.id = $2 AND u.active WHERE c.id = $1`;

/**
 * A conversation and the acting user's standing in it, read live (role and site assignments as
 * stored now), or null when either is unknown or the user is inactive.
 */
export async function conversationWithStanding(
  tx: EntityManager,
  conversationId: string,
  userId: string,
): Promise<{ conversation: ConversationRef; standing: Standing } | null> {
  const [r] = (await tx.query(CONVERSATION_WITH_STANDING_SQL, [conversationId, userId])) as Row[];
  return r
    ? { conversation: toRef(r), standing: { userId, role: r.role, assignedToSite: r.assigned } }
    : null;
}

/**
 * Creates a conversation unless it exists, and reads it, in one statement. When a concurrent
 * transaction created it first, the statement's snapshot cannot see that row: read it again.
 */
async function ensureConversation(tx: EntityManager, insert: string, select: string, params: unknown[]) {
  const [r] = (await tx.query(
    `WITH created AS (${insert} RETURNING *) SELECT * FROM created UNION ALL (${select}) LIMIT 1`,
    params,
  )) as Row[];
  return toRef(r ?? ((await tx.query(select, params)) as Row[])[0]);
}

/** The site's conversation, created on first use. */
export function ensureSiteConversation(tx: EntityManager, siteId: string): Promise<ConversationRef> {
  return ensureConversation(
    tx,
    `INSERT INTO conversations (kind, site_id) VALUES ('site', $1) ON CONFLICT (site_id) WHERE kind = 'site' DO NOTHING`,
    `SELECT * FROM conversations WHERE kind = 'site' AND site_id = $1`,
    [siteId],
  );
}

/** The direct conversation of two users, created by the first message between them. */
export function ensureDirectConversation(
  tx: EntityManager,
  userId: string,
  peerId: string,
): Promise<ConversationRef> {
  return ensureConversation(
    tx,
    `INSERT INTO conversations (kind, user_a, user_b) VALUES ('direct', $1, $2)
       ON CONFLICT (user_a, user_b) WHERE kind = 'direct' DO NOTHING`,
    `SELECT * FROM conversations WHERE kind = 'direct' AND user_a = $1 AND user_b = $2`,
    directPair(userId, peerId),
  );
}

/** Whether users `me` and `peer` (aliases of users in the query) are assigned to a common site. */
export const SHARE_SITE_SQL = `EXISTS (SELECT 1 FROM site_assignments a JOIN site_assignments b
  ON b.site_id = a.site_id WHERE a.user_id = me.id AND b.user_id = peer.id)`;

/** Both users as stored now and whether they share a site; null when either is unknown or inactive. */
export async function directPairFacts(tx: EntityManager, userId: string, peerId: string) {
  const [r] = (await tx.query(
    `SELECT me.role AS my_role, peer.role AS peer_role, ${SHARE_SITE_SQL} AS share
       FROM users me JOIN users peer ON peer.id = $2 AND peer.active WHERE me.id = $1 AND me.active`,
    [userId, peerId],
  )) as Row[];
  if (!r) return null;
  return {
    me: { userId, role: r.my_role as Role },
    peer: { userId: peerId, role: r.peer_role as Role },
    shareSite: r.share as boolean,
  };
}

/**
 * Moves the user's read marker forward to a message of the conversation. Returns the marker as
 * stored afterwards and whether it moved; null when the message is not in the conversation.
 */
export async function markRead(tx: EntityManager, conversationId: string, userId: string, messageId: string) {
  const [r] = (await tx.query(
    `WITH target AS (SELECT id, pos FROM messages WHERE id = $3 AND conversation_id = $1),
     moved AS (
       INSERT INTO conversation_reads (conversation_id, user_id, up_to_pos, up_to_message_id)
       SELECT $1, $2, pos, id FROM target
       ON CONFLICT (conversation_id, user_id) DO UPDATE
         SET up_to_pos = EXCLUDED.up_to_pos, up_to_message_id = EXCLUDED.up_to_message_id, read_at = now()
         WHERE conversation_reads.up_to_pos < EXCLUDED.up_to_pos
       RETURNING up_to_message_id, read_at)
     SELECT (SELECT count(*) FROM target)::int AS found, m.up_to_message_id, m.read_at, true AS advanced
       FROM moved m
     UNION ALL
     SELECT (SELECT count(*) FROM target)::int, r.up_to_message_id, r.read_at, false
       FROM conversation_reads r WHERE r.conversation_id = $1 AND r.user_id = $2
         AND NOT EXISTS (SELECT 1 FROM moved)`,
    [conversationId, userId, messageId],
  )) as Row[];
  if (!r || !r.found) return null;
  return {
    upToMessageId: r.up_to_message_id as string,
    readAt: new Date(r.read_at).toISOString(),
    advanced: r.advanced as boolean,
  };
}

/** A conversation by id (its kind and members never change, so callers may keep it). */
export async function findConversation(db: EntityManager, id: string): Promise<ConversationRef | null> {
  const [r] = (await db.query('SELECT id, kind, site_id, user_a, user_b FROM conversations WHERE id = $1', [
    id,
  ])) as Row[];
  return r ? toRef(r) : null;
}
