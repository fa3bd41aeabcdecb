import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ConversationKind } from '../domain/conversation.js';

/** The stored shapes (the repositories use SQL; these document the tables for TypeORM). */
@Entity('conversations')
export class ConversationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: ConversationKind;
  @Column({ name: 'site_id', type: 'uuid', nullable: true }) siteId: string | null;
  @Column({ name: 'user_a', type: 'uuid', nullable: true }) userA: string | null;
  @Column({ name: 'user_b', type: 'uuid', nullable: true }) userB: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('messages')
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false }) pos: string;
  @Column({ name: 'conversation_id', type: 'uuid' }) conversationId: string;
  @Column({ name: 'sender_id', type: 'uuid' }) senderId: string;
  @Column({ type: 'text', nullable: true }) text: string | null;
  @Column({ name: 'requires_ack', type: 'boolean' }) requiresAck: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true }) editedAt: Date | null;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt: Date | null;
  @Column({ name: 'deleted_by', type: 'uuid', nullable: true }) deletedBy: string | null;
}

@Entity('message_acks')
export class MessageAckEntity {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' }) messageId: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ type: 'timestamptz' }) at: Date;
}

@Entity('conversation_reads')
export class ConversationReadEntity {
  @PrimaryColumn({ name: 'conversation_id', type: 'uuid' }) conversationId: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ name: 'up_to_pos', type: 'bigint' }) upToPos: string;
  @Column({ name: 'up_to_message_id', type: 'uuid' }) upToMessageId: string;
  @Column({ name: 'read_at', type: 'timestamptz' }) readAt: Date;
}
