import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { CommandDto } from '#realtime';

/** POST /incidents/:id/assign body. */
export class AssignIncidentBodyDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() assigneeId: string;
}

/** `assign_incident` payload. */
export class AssignIncidentDto extends CommandDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() incidentId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() assigneeId: string;
}
