import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conversations (one per site, direct ones per pair of users), their messages, read markers and
 * dispatch-order acknowledgements. Messages are ordered by `pos` (an identity): pages and unread
 * counts walk the (conversation_id, pos) index instead of counting rows to skip.
 */
export class Messaging1732624000000 implements MigrationInterface {
  name = 'Messaging1732624000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE conversations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('site', 'direct')),
      site_id uuid REFERENCES sites(id) ON DELETE CASCADE,
      user_a uuid REFERENCES users(id) ON DELETE CASCADE,
      user_b uuid REFERENCES users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'site' AND site_id IS NOT NULL AND user_a IS NULL AND user_b IS NULL)
          OR (kind = 'direct' AND site_id IS NULL AND user_a < user_b)))`);
    await q.query(`CREATE UNIQUE INDEX conversations_site_uq ON conversations (site_id) WHERE kind = 'site'`);
    await q.query(
      `CREATE UNIQUE INDEX conversations_direct_uq ON conversations (user_a, user_b) WHERE kind = 'direct'`,
    );
    await q.query(`CREATE INDEX conversations_user_b_idx ON conversations (user_b) WHERE kind = 'direct'`);
    await q.query(`CREATE TABLE messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      pos bigint GENERATED ALWAYS AS IDENTITY,
      conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      sender_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      text text,
      requires_ack boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz,
      deleted_at timestamptz,
      deleted_by uuid REFERENCES users(id) ON DELETE SET NULL)`);
    await q.query(`CREATE UNIQUE INDEX messages_conversation_pos_idx ON messages (conversation_id, pos)`);
    await q.query(`CREATE TABLE message_acks (
      message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (message_id, user_id))`);
    await q.query(`CREATE TABLE conversation_reads (
      conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      up_to_pos bigint NOT NULL,
      up_to_message_id uuid NOT NULL,
      read_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (conversation_id, user_id))`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE conversation_reads');
    await q.query('DROP TABLE message_acks');
    await q.query('DROP TABLE messages');
    await q.query('DROP TABLE conversations');
  }
}
