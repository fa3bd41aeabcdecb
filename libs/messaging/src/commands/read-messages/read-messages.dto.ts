import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { CommandDto } from '#realtime';

/** `message_read` payload. */
export class ReadMessagesDto extends CommandDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() conversationId: string;
  @ApiProperty({ format: 'uuid', description: 'Everything up to and including this message is read' })
  @IsUUID()
  upToMessageId: string;
}
