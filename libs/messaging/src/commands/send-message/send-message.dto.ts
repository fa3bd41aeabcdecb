import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { AppError } from '#core';
import { CommandDto } from '#realtime';
import { MessageText } from '../message-text.js';

/** POST /conversations/:id/messages body. */
export class PostMessageBodyDto extends CommandDto {
  @MessageText() text: string;

  @ApiPropertyOptional({
    description: 'A dispatch order: site staff, site conversations; guards acknowledge',
  })
  @IsOptional()
  @IsBoolean()
  requiresAck?: boolean;
}

/** `message_send` payload: exactly one of conversationId, siteId, toUserId. */
export class SendMessageDto extends PostMessageBodyDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() conversationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The site's conversation" })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A direct conversation (created by its first message)',
  })
  @IsOptional()
  @IsUUID()
  toUserId?: string;
}

export type MessageTarget = { conversationId: string } | { siteId: string } | { toUserId: string };

const TARGETS = ['conversationId', 'siteId', 'toUserId'] as const;

/** Exactly one target, else VALIDATION_FAILED. */
export function targetOf(dto: Pick<SendMessageDto, (typeof TARGETS)[number]>): MessageTarget {
  const given = TARGETS.filter((f) => dto[f] !== undefined);
  if (given.length !== 1)
    throw AppError.validation(
      [
        {
          field: 'conversationId',
          constraints: { exactlyOne: 'give exactly one of conversationId, siteId, toUserId' },
        },
      ],
      'Give exactly one of conversationId, siteId, toUserId',
    );
  return { [given[0]]: dto[given[0]]! } as MessageTarget;
}
