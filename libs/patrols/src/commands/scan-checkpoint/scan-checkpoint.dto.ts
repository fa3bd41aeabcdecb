import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsDeviceTime, LocationDto, PlainText } from '#core';
import { CommandDto } from '#realtime';

export class ScanCheckpointDto extends CommandDto {
  @IsUUID() patrolRunId: string;

  /** What the QR/NFC tag carries. */
  @PlainText(100)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  checkpointCode: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  /** Device time of the scan (offline phones deliver later). */
  @IsOptional()
  @IsDeviceTime()
  recordedAt?: string;
}
