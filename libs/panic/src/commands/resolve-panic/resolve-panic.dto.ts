import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID } from 'class-validator';
import { PlainText } from '#core';
import { CommandDto } from '#realtime';

export const PANIC_NOTES_MAX = 2000;

/** REST body of POST /panics/:id/resolve. */
export class ResolvePanicBodyDto {
  @ApiPropertyOptional({ maxLength: PANIC_NOTES_MAX })
  @IsOptional()
  @PlainText(PANIC_NOTES_MAX)
  @IsString()
  notes?: string;
}

/** `panic_resolve` payload. */
export class ResolvePanicDto extends CommandDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() panicId: string;

  @ApiPropertyOptional({ maxLength: PANIC_NOTES_MAX })
  @IsOptional()
  @PlainText(PANIC_NOTES_MAX)
  @IsString()
  notes?: string;
}
