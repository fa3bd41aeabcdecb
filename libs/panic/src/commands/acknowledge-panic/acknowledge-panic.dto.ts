import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { CommandDto } from '#realtime';

/** `panic_acknowledge` payload. */
export class AcknowledgePanicDto extends CommandDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() panicId: string;
}
