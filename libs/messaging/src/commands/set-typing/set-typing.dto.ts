import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsUUID } from 'class-validator';
import { CommandDto } from '#realtime';

/** `typing` payload. */
export class SetTypingDto extends CommandDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() conversationId: string;
  @ApiProperty() @IsBoolean() typing: boolean;
}
