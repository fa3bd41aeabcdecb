import type { PatrolShieldClient } from '#client';
import type { ChatTarget } from '../state/chat.js';
import type { MessageView } from '../state/views.js';

/**
 * What a supervisor does from the console, as socket commands (idempotent: the SDK gives each a
 * clientEventId kept across its retries). The resulting events update the screen, not the acks.
 */
export class ConsoleActions {
  constructor(private readonly client: () => PatrolShieldClient | undefined) {}

  private get c(): PatrolShieldClient {
    const c = this.client();
    if (!c) throw new Error('Not connected');
    return c;
  }

  async acknowledgePanic(panicId: string): Promise<void> {
    await this.c.command('panic_acknowledge', { panicId });
  }

  async resolvePanic(panicId: string, notes: string): Promise<void> {
    await this.c.command('panic_resolve', { panicId, ...(notes.trim() && { notes: notes.trim() }) });
  }

  async assignIncident(incidentId: string, assigneeId: string): Promise<void> {
    await this.c.command('assign_incident', { incidentId, assigneeId });
  }

  /** Incidents resolve from IN_PROGRESS only: an assigned one is moved there first (same person). */
  async resolveIncident(incidentId: string, status: string, resolution: string): Promise<void> {
    if (status === 'ASSIGNED') await this.c.command('update_incident', { incidentId, status: 'IN_PROGRESS' });
    await this.c.command('resolve_incident', { incidentId, resolution });
  }

  /**
   * Sends to the open chat: the site (`requiresAck`: a dispatch order its guards acknowledge), a
   * direct conversation, or a first direct message to a user. Returns the stored message.
   */
  async sendMessage(
    chat: ChatTarget,
    siteId: string,
    text: string,
    requiresAck = false,
  ): Promise<MessageView> {
    const to =
      chat.kind === 'site'
        ? { siteId, ...(requiresAck && { requiresAck }) }
        : chat.conversationId
          ? { conversationId: chat.conversationId }
          : { toUserId: chat.peerId };
    return (await this.c.command('message_send', { ...to, text })).message;
  }

  async markRead(conversationId: string, upToMessageId: string): Promise<void> {
    await this.c.command('message_read', { conversationId, upToMessageId });
  }

  /** Ephemeral and throttled by the server: one attempt, a lost one does not matter. */
  async typing(conversationId: string, typing: boolean): Promise<void> {
    await this.c.command('typing', { conversationId, typing }, { maxAttempts: 1 });
  }
}
