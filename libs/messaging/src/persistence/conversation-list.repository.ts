import type { Role } from '#core';
import type { EntityManager } from 'typeorm';
import type { ConversationKind } from '../domain/conversation.js';
import { MESSAGE_VIEW_SQL, toMessageView, type MessageView } from './message.repository.js';

/** One row of GET /conversations (docs/protocol.md section 9); `name` is the site's or the peer's. */
export interface ConversationSummary {
  id: string;
  kind: ConversationKind;
  siteId: string | null;
  name: string;
  peer: { id: string; name: string; role: Role } | null;
  lastMessage: MessageView | null;
  unreadCount: number;
}

/**
 * The user's conversations as stored now: the site conversations of the sites they are assigned
 * to (admins: every site), and their direct ones. Unread: other people's messages after the read
 * marker, not deleted, counted on the (conversation_id, pos) index.
 */
const LIST_SQL = `WITH me AS (SELECT id, role FROM users WHERE id = $1 AND active),
  mine AS (
    SELECT c.* FROM conversations c, me WHERE c.kind = 'site' AND (me.role = 'admin'
      OR EXISTS (SELECT 1 FROM site_assignments a WHERE a.user_id = me.id AND a.site_id = c.site_id))
    UNION ALL SELECT c.* FROM conversations c, me WHERE c.kind = 'direct' AND c.user_a = me.id
    UNION ALL SELECT c.* FROM conversations c, me WHERE c.kind = 'direct' AND c.user_b = me.id)
  SELECT mine.id, mine.kind, mine.site_id, s.name AS site_name, peer.id AS peer_id,
      peer.name AS peer_name, peer.role AS peer_role, last.id AS last_id,
      (SELECT count(*) FROM messages m WHERE m.conversation_id = mine.id
        AND m.pos > COALESCE(r.up_to_pos, 0) AND m.sender_id <> $1 AND m.deleted_at IS NULL)::int AS unread
    FROM mine
    LEFT JOIN sites s ON s.id = mine.site_id
    LEFT JOIN users peer ON mine.kind = 'direct'
      AND peer.id = CASE WHEN mine.user_a = $1 THEN mine.user_b ELSE mine.user_a END
    LEFT JOIN conversation_reads r ON r.conversation_id = mine.id AND r.user_id = $1
    LEFT JOIN LATERAL (SELECT m.id, m.pos FROM messages m WHERE m.conversation_id = mine.id
      ORDER BY m.pos DESC LIMIT 1) last ON true
    ORDER BY last.pos DESC NULLS LAST, mine.created_at DESC`;

export async function listConversations(db: EntityManager, userId: string): Promise<ConversationSummary[]> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows, mapped below
  const rows = (await db.query(LIST_SQL, [userId])) as Record<string, any>[];
  const lastIds = rows.map((r) => r.last_id as string | null).filter((id): id is string => !!id);
  const last = new Map<string, MessageView>();
  if (lastIds.length) {
    const views = (await db.query(`${MESSAGE_VIEW_SQL} WHERE m.id = ANY($1)`, [lastIds])) as Record<
      string,
      unknown
    >[];
    for (const v of views.map(toMessageView)) last.set(v.id, v);
  }
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    siteId: r.site_id,
    name: r.kind === 'site' ? r.site_name : r.peer_name,
    peer: r.peer_id ? { id: r.peer_id, name: r.peer_name, role: r.peer_role } : null,
    lastMessage: r.last_id ? (last.get(r.last_id) ?? null) : null,
    unreadCount: r.unread,
  }));
}
