import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** GET /conversations/:id/messages: a page of older messages, newest first. */
export class ListMessagesQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Messages older than this one (the last of the previous page)',
  })
  @IsOptional()
  @IsUUID()
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;
}
