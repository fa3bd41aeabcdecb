import { Type } from 'class-transformer';
import { IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { IsDeviceTime, LocationDto } from '#core';
import { CommandDto } from '#realtime';

export class EndShiftDto extends CommandDto {
  @IsOptional() @IsUUID() shiftId?: string;
  @IsOptional() @ValidateNested() @Type(() => LocationDto) location?: LocationDto;
  @IsOptional() @IsDeviceTime() recordedAt?: string;
}
