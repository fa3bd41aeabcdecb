import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { CommandDto } from '#realtime';

/** `message_delete` and `message_acknowledge` payload. */
export class MessageIdDto extends CommandDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() messageId: string;
}
