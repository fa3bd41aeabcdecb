export * from './messaging.module.js';
export * from './persistence/messaging-persistence.js';
export type { MessageView } from './persistence/message.repository.js';
export type { ConversationSummary } from './persistence/conversation-list.repository.js';
// The demo seed writes its conversations through the same command as the sockets.
export { SendMessageCommand } from './commands/send-message/send-message.command.js';
