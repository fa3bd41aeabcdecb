import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { CommandDto } from '#realtime';
import { MessageText } from '../message-text.js';

/** `message_edit` payload. */
export class EditMessageDto extends CommandDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() messageId: string;
  @MessageText() text: string;
}
