import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PlainText } from '#core';
import { CommandDto } from '#realtime';

export const RESOLUTION_MAX = 5000;

/** POST /incidents/:id/resolve body. */
export class ResolveIncidentBodyDto {
  @ApiProperty({ minLength: 1, maxLength: RESOLUTION_MAX })
  @PlainText(RESOLUTION_MAX)
  @IsString()
  @MinLength(1)
  @MaxLength(RESOLUTION_MAX)
  resolution: string;
}

/** `resolve_incident` payload. */
export class ResolveIncidentDto extends CommandDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() incidentId: string;

  @ApiProperty({ minLength: 1, maxLength: RESOLUTION_MAX })
  @PlainText(RESOLUTION_MAX)
  @IsString()
  @MinLength(1)
  @MaxLength(RESOLUTION_MAX)
  resolution: string;
}
