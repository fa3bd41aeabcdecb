import { CommandBus } from '@nestjs/cqrs';
import { MessageBody } from '@nestjs/websockets';
import type { Principal } from '#core';
import { CommandPolicy, OnCommand, RealtimeGateway, WsPrincipal, WsRoles } from '#realtime';
import { AcknowledgeMessageCommand } from './commands/acknowledge-message/acknowledge-message.command.js';
import { DeleteMessageCommand } from './commands/delete-message/delete-message.command.js';
import { MessageIdDto } from './commands/delete-message/delete-message.dto.js';
import { EditMessageCommand } from './commands/edit-message/edit-message.command.js';
import { EditMessageDto } from './commands/edit-message/edit-message.dto.js';
import { ReadMessagesCommand } from './commands/read-messages/read-messages.command.js';
import { ReadMessagesDto } from './commands/read-messages/read-messages.dto.js';
import { SendMessageCommand } from './commands/send-message/send-message.command.js';
import { SendMessageDto, targetOf } from './commands/send-message/send-message.dto.js';
import { SetTypingCommand } from './commands/set-typing/set-typing.command.js';
import { SetTypingDto } from './commands/set-typing/set-typing.dto.js';

/** Socket commands of messaging (docs/protocol.md section 9). */
@RealtimeGateway()
export class MessagingGateway {
  constructor(private readonly commandBus: CommandBus) {}

  @OnCommand('message_send')
  send(@WsPrincipal() me: Principal, @MessageBody() dto: SendMessageDto) {
    return this.commandBus.execute(
      new SendMessageCommand(me, targetOf(dto), dto.text, dto.requiresAck ?? false, dto.clientEventId),
    );
  }

  @OnCommand('message_edit')
  edit(@WsPrincipal() me: Principal, @MessageBody() dto: EditMessageDto) {
    return this.commandBus.execute(new EditMessageCommand(me, dto.messageId, dto.text, dto.clientEventId));
  }

  @OnCommand('message_delete')
  delete(@WsPrincipal() me: Principal, @MessageBody() dto: MessageIdDto) {
    return this.commandBus.execute(new DeleteMessageCommand(me, dto.messageId, dto.clientEventId));
  }

  @OnCommand('message_read')
  read(@WsPrincipal() me: Principal, @MessageBody() dto: ReadMessagesDto) {
    return this.commandBus.execute(
      new ReadMessagesCommand(me, dto.conversationId, dto.upToMessageId, dto.clientEventId),
    );
  }

  @OnCommand('message_acknowledge')
  @WsRoles('guard')
  acknowledge(@WsPrincipal() me: Principal, @MessageBody() dto: MessageIdDto) {
    return this.commandBus.execute(new AcknowledgeMessageCommand(me, dto.messageId, dto.clientEventId));
  }

  /** Ephemeral and chatty: never audited, and a budget of its own on top of the user's. */
  @CommandPolicy({ audit: 'never', budget: { limit: 10, windowMs: 5000 } })
  @OnCommand('typing')
  typing(@WsPrincipal() me: Principal, @MessageBody() dto: SetTypingDto) {
    return this.commandBus.execute(new SetTypingCommand(me, dto.conversationId, dto.typing));
  }
}
