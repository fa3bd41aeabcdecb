import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMetaDto } from '#core';
import { PANIC_STATUSES, PANIC_TYPES } from '../domain/panic.js';

/** Swagger shapes of the panic JSON (see PanicView). */
export class UserRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class PanicLocationDto {
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
  @ApiPropertyOptional() accuracy?: number;
}

export class PanicDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ enum: PANIC_TYPES }) type: string;
  @ApiProperty({ enum: PANIC_STATUSES }) status: string;
  @ApiProperty({ type: UserRefDto }) guard: UserRefDto;
  @ApiProperty({ type: PanicLocationDto }) location: PanicLocationDto;
  @ApiProperty({ nullable: true, type: Number }) batteryLevel: number | null;
  @ApiProperty({ nullable: true, type: String }) message: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) patrolRunId: string | null;
  @ApiProperty({ description: 'Device time of the raise' }) raisedAt: string;
  @ApiProperty({ description: 'Server receive time' }) receivedAt: string;
  @ApiProperty({ nullable: true, type: String }) acknowledgedAt: string | null;
  @ApiProperty({ nullable: true, type: UserRefDto }) acknowledgedBy: UserRefDto | null;
  @ApiProperty({ nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty({ nullable: true, type: UserRefDto }) resolvedBy: UserRefDto | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ minimum: 1, maximum: 3 }) escalationLevel: number;
  @ApiProperty({ type: [String], description: 'User ids whose devices confirmed the alert' })
  confirmedBy: string[];
  @ApiProperty({ type: [String], description: 'Guards nearby asked for backup, nearest first' })
  backupNotified: string[];
}

export class PanicResultDto {
  @ApiProperty({ type: PanicDto }) panic: PanicDto;
}

export class PanicPageDto extends PageMetaDto {
  @ApiProperty({ type: [PanicDto] }) items: PanicDto[];
}
