import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Authenticated, CurrentUser, UuidParam, type Principal } from '#core';
import { SendMessageCommand } from './commands/send-message/send-message.command.js';
import { PostMessageBodyDto } from './commands/send-message/send-message.dto.js';
import { ListMessagesQueryDto } from './dto/list-messages.query.js';
import { ConversationListDto, MessageDto, MessagePageDto } from './dto/message.dto.js';
import { ConversationQueries } from './queries/conversation-queries.service.js';

/** Conversations over REST; posting runs `message_send` (same events as the socket). */
@ApiTags('messaging')
@Controller('conversations')
@Authenticated()
export class MessagingController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: ConversationQueries,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My conversations, most recent first, with the last message and my unread count' })
  @ApiOkResponse({ type: ConversationListDto })
  list(@CurrentUser() me: Principal) {
    return this.queries.list(me);
  }

  @Get(':id/messages')
  @ApiOperation({ summary: 'Messages of a conversation, newest first; page back with before=<nextBefore>' })
  @ApiOkResponse({ type: MessagePageDto })
  @ApiErrors(400, 404)
  messages(@CurrentUser() me: Principal, @UuidParam() id: string, @Query() q: ListMessagesQueryDto) {
    return this.queries.messages(me, id, q.before, q.limit);
  }

  @Post(':id/messages')
  @ApiOperation({ summary: 'Write in a conversation (members); same as message_send' })
  @ApiCreatedResponse({ type: MessageDto })
  @ApiErrors(400, 403, 404)
  async post(@CurrentUser() me: Principal, @UuidParam() id: string, @Body() body: PostMessageBodyDto) {
    const command = new SendMessageCommand(
      me,
      { conversationId: id },
      body.text,
      body.requiresAck ?? false,
      body.clientEventId,
    );
    return (await this.commandBus.execute(command)).message;
  }
}
