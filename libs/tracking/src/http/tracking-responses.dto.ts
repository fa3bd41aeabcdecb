import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '#core';

const nullableNumber = { type: 'number', nullable: true } as const;

export class PositionDto {
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
  @ApiProperty(nullableNumber) accuracy: number | null;
  @ApiProperty(nullableNumber) heading: number | null;
  @ApiProperty(nullableNumber) speed: number | null;
  @ApiProperty({ type: 'integer', nullable: true, minimum: 0, maximum: 100, description: 'percent' })
  batteryLevel: number | null;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class HistoryPointDto extends PositionDto {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) shiftId: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
}

export class LocationHistoryPageDto extends PageMetaDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: [HistoryPointDto] }) items: HistoryPointDto[];
}

export class GuardOnShiftDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) shiftId: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: PositionDto, nullable: true }) location: PositionDto | null;
}

export class SiteWarningDto {
  @ApiProperty({ example: 'NO_PANIC_NOTIFICATION' }) code: string;
  @ApiProperty() message: string;
}

export class SiteLivePageDto extends PageMetaDto {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ type: [GuardOnShiftDto] }) items: GuardOnShiftDto[];
  @ApiProperty({
    type: [SiteWarningDto],
    description: 'NO_PANIC_NOTIFICATION: guards on shift and no channel reaches anyone for a panic',
  })
  warnings: SiteWarningDto[];
}
