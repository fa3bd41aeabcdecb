import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '#core';

export class AuditEntryDto {
  @ApiProperty({ description: 'bigint as text' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) userId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) socketId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) remote: string | null;
  @ApiProperty({ example: 'panic_alert' }) event: string;
  @ApiProperty({ enum: ['ok', 'error', 'refused', 'connected', 'disconnected'] }) result: string;
  @ApiProperty({ type: 'string', nullable: true, example: 'FORBIDDEN' }) code: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'secrets removed' })
  payload: unknown;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) details: unknown;
}

export class AuditPageDto extends PageMetaDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
}
