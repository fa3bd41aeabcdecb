import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AcknowledgeMessageHandler } from './commands/acknowledge-message/acknowledge-message.handler.js';
import { DeleteMessageHandler } from './commands/delete-message/delete-message.handler.js';
import { EditMessageHandler } from './commands/edit-message/edit-message.handler.js';
import { ReadMessagesHandler } from './commands/read-messages/read-messages.handler.js';
import { SendMessageHandler } from './commands/send-message/send-message.handler.js';
import { SetTypingHandler } from './commands/set-typing/set-typing.handler.js';
import { UnacknowledgedOrderTimer } from './dispatch/unacknowledged.timer.js';
import { BroadcastWhenMessageChanged } from './event-handlers/broadcast-when-message-changed.handler.js';
import { BroadcastWhenTypingChanged } from './event-handlers/broadcast-when-typing-changed.handler.js';
import { MessagingController } from './messaging.controller.js';
import { MessagingGateway } from './messaging.gateway.js';
import { ConversationQueries } from './queries/conversation-queries.service.js';
import { TypingTracker } from './typing/typing-tracker.js';

/** Messaging and dispatch orders: gateway, REST controller, commands, events, reactions, rules, persistence. */
@Module({
  imports: [CqrsModule],
  controllers: [MessagingController],
  providers: [
    MessagingGateway,
    SendMessageHandler,
    EditMessageHandler,
    DeleteMessageHandler,
    ReadMessagesHandler,
    AcknowledgeMessageHandler,
    SetTypingHandler,
    BroadcastWhenMessageChanged,
    BroadcastWhenTypingChanged,
    UnacknowledgedOrderTimer,
    TypingTracker,
    ConversationQueries,
  ],
})
export class MessagingModule {}
