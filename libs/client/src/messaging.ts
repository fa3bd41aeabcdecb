import type { AckOf, CommandName, PayloadOf } from '#contract';

/** What the messaging methods need of the client: its typed `command`. */
export interface CommandSender {
  command<C extends CommandName>(name: C, payload: PayloadOf<C>): Promise<AckOf<C>>;
}

interface SendOptions {
  /** A dispatch order (site staff, site conversations): guards acknowledge it. */
  requiresAck?: boolean;
  clientEventId?: string;
}

/**
 * Typed methods for messaging (docs/protocol.md section 9), over `client.command`: the same acks,
 * retries and clientEventIds as every command. Events arrive as the client's `message_created`,
 * `message_edited`, `message_deleted`, `messages_read`, `message_acknowledged`,
 * `message_unacknowledged` (durable) and `typing` (ephemeral).
 */
export class MessagingCommands {
  constructor(private readonly client: CommandSender) {}

  /** Writes in the site's conversation (guards and staff of the site). */
  sendToSite(siteId: string, text: string, opts: SendOptions = {}) {
    return this.client.command('message_send', { siteId, text, ...opts });
  }

  /** Writes to one person; the first message creates the direct conversation. */
  sendDirect(toUserId: string, text: string, opts: Omit<SendOptions, 'requiresAck'> = {}) {
    return this.client.command('message_send', { toUserId, text, ...opts });
  }

  /** Writes in a conversation already known by id. */
  send(conversationId: string, text: string, opts: SendOptions = {}) {
    return this.client.command('message_send', { conversationId, text, ...opts });
  }

  /** The author corrects a message, within 15 minutes of sending it. */
  edit(messageId: string, text: string) {
    return this.client.command('message_edit', { messageId, text });
  }

  /** The author (or site staff in a site conversation) removes the text; a tombstone stays. */
  delete(messageId: string) {
    return this.client.command('message_delete', { messageId });
  }

  /** Everything up to and including `upToMessageId` is read; the marker never moves back. */
  markRead(conversationId: string, upToMessageId: string) {
    return this.client.command('message_read', { conversationId, upToMessageId });
  }

  /** A guard of the site confirms a dispatch order. */
  acknowledge(messageId: string) {
    return this.client.command('message_acknowledge', { messageId });
  }

  /** Typing indicator; send `true` again every few seconds while typing (it ends 6 s after the last). */
  typing(conversationId: string, typing: boolean) {
    return this.client.command('typing', { conversationId, typing });
  }
}
