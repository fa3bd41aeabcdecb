import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMetaDto } from '#core';
import { PATROL_RUN_ENDINGS, PATROL_RUN_STATUSES } from '../domain/patrol-run.js';
import { LatLngDto } from './lat-lng.dto.js';

export class CheckpointDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'What the QR/NFC tag carries' }) code: string;
  @ApiProperty({ type: LatLngDto }) location: LatLngDto;
  @ApiProperty({ description: 'Accepted scan distance in metres' }) radiusM: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CheckpointRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() code: string;
}

export class PatrolRouteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'In walking order' }) checkpointIds: string[];
  @ApiProperty({ type: [CheckpointDto], description: 'In walking order' }) checkpoints: CheckpointDto[];
  @ApiProperty() expectedDurationMinutes: number;
  @ApiProperty() maxGapMinutes: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ProgressDto {
  @ApiProperty({ description: 'Distinct route checkpoints visited in range (VALID or OUT_OF_ORDER)' })
  scanned: number;
  @ApiProperty() total: number;
}

export class PatrolRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) routeId: string;
  @ApiProperty() routeName: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) guardId: string;
  @ApiProperty({ enum: PATROL_RUN_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiPropertyOptional({
    enum: PATROL_RUN_ENDINGS,
    nullable: true,
    description:
      'Who ended the run: its guard (complete_patrol) or the end of its shift; null while in progress',
  })
  endedBy: string | null;
  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    description: 'Device time of the latest counted scan',
  })
  lastScanAt: string | null;
  @ApiProperty({ type: ProgressDto }) progress: ProgressDto;
  @ApiPropertyOptional({ type: CheckpointRefDto, nullable: true }) nextCheckpoint: CheckpointRefDto | null;
  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    description: 'When the next checkpoint is missed',
  })
  nextScanDueBy: string | null;
  @ApiProperty({ format: 'date-time', description: 'When the run becomes overdue' }) dueBy: string;
  @ApiProperty() overdue: boolean;
  @ApiPropertyOptional({
    type: [CheckpointRefDto],
    nullable: true,
    description: 'Checkpoints not visited: null while in progress',
  })
  skippedCheckpoints: CheckpointRefDto[] | null;
}

export class CheckpointPageDto extends PageMetaDto {
  @ApiProperty({ type: [CheckpointDto] }) items: CheckpointDto[];
}
export class PatrolRoutePageDto extends PageMetaDto {
  @ApiProperty({ type: [PatrolRouteDto] }) items: PatrolRouteDto[];
}
export class PatrolRunPageDto extends PageMetaDto {
  @ApiProperty({ type: [PatrolRunDto] }) items: PatrolRunDto[];
}
