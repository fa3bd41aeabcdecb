import { randomUUID } from 'node:crypto';
import type { Message as MessageView } from '#contract';
import type { UnitOfWork } from '#realtime';
import type { EntityManager } from 'typeorm';
import type { ConversationRef } from '../domain/conversation.js';
import type { MessageFacts } from '../domain/message-rules.js';
import type { Sender } from './sender-facts.js';

/** A message as every client sees it: the contract's (docs/protocol.md section 9). */
export type { MessageView };

const VIEW_COLUMNS = `SELECT m.id, m.pos, m.conversation_id, c.kind, c.site_id, m.sender_id,
    u.name AS sender_name, u.role AS sender_role, m.text, m.requires_ack, m.created_at, m.edited_at,
    m.deleted_at, COALESCE((SELECT array_agg(k.user_id::text ORDER BY k.at) FROM message_acks k
      WHERE k.message_id = m.id), '{}') AS acknowledged_by`;
const VIEW_JOINS = 'JOIN conversations c ON c.id = m.conversation_id JOIN users u ON u.id = m.sender_id';
export const MESSAGE_VIEW_SQL = `${VIEW_COLUMNS} FROM messages m ${VIEW_JOINS}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows, mapped field by field
type Row = Record<string, any>;
const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toMessageView(r: Row): MessageView {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    kind: r.kind,
    siteId: r.site_id,
    sender: { id: r.sender_id, name: r.sender_name, role: r.sender_role },
    text: r.text,
    requiresAck: r.requires_ack,
    acknowledgedBy: r.acknowledged_by,
    createdAt: iso(r.created_at)!,
    editedAt: iso(r.edited_at),
    deletedAt: iso(r.deleted_at),
  };
}

/** The facts the rules judge a message by. */
export const factsOf = (m: MessageView): MessageFacts => ({
  senderId: m.sender.id,
  createdAt: new Date(m.createdAt),
  deletedAt: m.deletedAt ? new Date(m.deletedAt) : null,
  requiresAck: m.requiresAck,
  acknowledgedBy: m.acknowledgedBy,
});

/** One message, optionally locking its row for the transaction. */
export async function findMessage(tx: EntityManager, id: string, lock = false): Promise<MessageView | null> {
  if (lock) {
    const locked = (await tx.query('SELECT id FROM messages WHERE id = $1 FOR UPDATE', [id])) as Row[];
    if (!locked.length) return null;
  }
  const [r] = (await tx.query(`${MESSAGE_VIEW_SQL} WHERE m.id = $1`, [id])) as Row[];
  return r ? toMessageView(r) : null;
}

const INSERT_MESSAGE_SQL = `INSERT INTO messages (id, conversation_id, sender_id, text, requires_ack, created_at)
  VALUES ($1, $2, $3, $4, $5, $6)`;

/**
 * A new message as every member will see it, written by the command's final statement (one round
 * trip fewer on a busy path, see UnitOfWork.defer): its id and time are fixed here, its place in
 * the conversation (pos) when it is stored. A new message has no acknowledgements.
 */
export function insertMessageDeferred(
  uow: UnitOfWork,
  conversation: ConversationRef,
  sender: Sender,
  text: string,
  requiresAck: boolean,
): MessageView {
  const message: MessageView = {
    id: randomUUID(),
    conversationId: conversation.id,
    kind: conversation.kind,
    siteId: conversation.siteId,
    sender: { id: sender.userId, name: sender.name, role: sender.role },
    text,
    requiresAck,
    acknowledgedBy: [],
    createdAt: new Date().toISOString(),
    editedAt: null,
    deletedAt: null,
  };
  uow.defer(INSERT_MESSAGE_SQL, [
    message.id,
    conversation.id,
    sender.userId,
    text,
    requiresAck,
    message.createdAt,
  ]);
  return message;
}

export async function editMessageText(tx: EntityManager, id: string, text: string): Promise<MessageView> {
  await tx.query('UPDATE messages SET text = $2, edited_at = now() WHERE id = $1', [id, text]);
  return (await findMessage(tx, id))!;
}

/** Tombstone: the text goes, the row stays (its place in the conversation, who sent it, when). */
export async function tombstoneMessage(tx: EntityManager, id: string, by: string): Promise<MessageView> {
  await tx.query('UPDATE messages SET text = NULL, deleted_at = now(), deleted_by = $2 WHERE id = $1', [
    id,
    by,
  ]);
  return (await findMessage(tx, id))!;
}

export async function recordAcknowledgement(tx: EntityManager, id: string, userId: string) {
  await tx.query('INSERT INTO message_acks (message_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    id,
    userId,
  ]);
  return (await findMessage(tx, id))!;
}

/**
 * Newest first, `limit` messages older than `before` (a message of the conversation), walking the
 * (conversation_id, pos) index backwards from there: cost independent of how deep the page is.
 */
export async function messagesBefore(
  db: EntityManager,
  conversationId: string,
  before: string | null,
  limit: number,
): Promise<MessageView[] | null> {
  let pos: string | null = null;
  if (before) {
    const [r] = (await db.query('SELECT pos FROM messages WHERE id = $1 AND conversation_id = $2', [
      before,
      conversationId,
    ])) as Row[];
    if (!r) return null;
    pos = r.pos as string;
  }
  const rows = (await db.query(
    `${MESSAGE_VIEW_SQL} WHERE m.conversation_id = $1 AND ($2::bigint IS NULL OR m.pos < $2)
      ORDER BY m.pos DESC LIMIT $3`,
    [conversationId, pos, limit],
  )) as Row[];
  return rows.map(toMessageView);
}
