/**
 * The messaging commands of PROTOCOL.md section 9 that the console uses, added to the SDK's typed
 * contract for the console only. When libs/client's contract declares them itself, delete this file.
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
      };
      ack: { message: MessageView };
    };
  }
  interface DurableEvents {
    message_created: { message: MessageView };
  }
}
