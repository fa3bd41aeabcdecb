import { ApiProperty } from '@nestjs/swagger';

/** Swagger shapes of the messaging JSON (see MessageView, ConversationSummary). */
export class MessageSenderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['guard', 'supervisor', 'manager', 'admin'] }) role: string;
}

export class MessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) conversationId: string;
  @ApiProperty({ enum: ['site', 'direct'] }) kind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) siteId: string | null;
  @ApiProperty({ type: MessageSenderDto }) sender: MessageSenderDto;
  @ApiProperty({ nullable: true, type: String, description: 'null once deleted' }) text: string | null;
  @ApiProperty({ description: 'A dispatch order guards acknowledge' }) requiresAck: boolean;
  @ApiProperty({ type: [String], description: 'Guards who acknowledged' }) acknowledgedBy: string[];
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) editedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) deletedAt: string | null;
}

export class MessageResultDto {
  @ApiProperty({ type: MessageDto }) message: MessageDto;
}

export class MessagePageDto {
  @ApiProperty({ type: [MessageDto], description: 'Newest first' }) items: MessageDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: '`before` for the next (older) page; null at the start',
  })
  nextBefore: string | null;
}

export class ConversationSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['site', 'direct'] }) kind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) siteId: string | null;
  @ApiProperty({ description: "The site's name, or the other person's" }) name: string;
  @ApiProperty({
    type: MessageSenderDto,
    nullable: true,
    description: 'Direct conversations: the other person',
  })
  peer: MessageSenderDto | null;
  @ApiProperty({ type: MessageDto, nullable: true }) lastMessage: MessageDto | null;
  @ApiProperty({ description: "Other people's messages after my read marker" }) unreadCount: number;
}

export class ConversationListDto {
  @ApiProperty({ type: [ConversationSummaryDto] }) items: ConversationSummaryDto[];
}
