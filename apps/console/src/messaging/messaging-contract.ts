/**
 * The messaging commands and events of PROTOCOL.md section 9 that the console uses, added to the
 * SDK's typed contract for the console only. When libs/client's contract declares them itself,
 * delete this file.
 */
import type { MessageView } from '../state/views.js';

declare module '../../../../libs/client/src/contract.js' {
  interface Commands {
    message_send: {
      payload: {
        clientEventId?: string;
        siteId?: string;
        conversationId?: string;
        toUserId?: string;
        text: string;
        requiresAck?: boolean;
      };
      ack: { message: MessageView };
    };
    message_read: {
      payload: { clientEventId?: string; conversationId: string; upToMessageId: string };
      ack: { conversationId: string; upToMessageId: string };
    };
    typing: {
      payload: { clientEventId?: string; conversationId: string; typing: boolean };
      ack: Record<string, never>;
    };
  }
  interface DurableEvents {
    message_created: { message: MessageView };
  }
}
