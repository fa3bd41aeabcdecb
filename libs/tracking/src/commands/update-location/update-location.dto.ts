import { IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { IsDeviceTime, IsLatitudeNumber, IsLongitudeNumber } from '#core';
import { CommandDto } from '#realtime';

const finite = { allowNaN: false, allowInfinity: false };

export class UpdateLocationDto extends CommandDto {
  @IsLatitudeNumber() lat: number;
  @IsLongitudeNumber() lng: number;
  @IsOptional() @IsNumber(finite) @Min(0) @Max(100_000) accuracy?: number;
  @IsOptional() @IsNumber(finite) @Min(0) @Max(360) heading?: number;
  @IsOptional() @IsNumber(finite) @Min(0) @Max(1000) speed?: number;
  /** Percent, a whole number 0-100: the same unit as panic_alert's and the stored smallint. */
  @IsOptional() @IsInt() @Min(0) @Max(100) batteryLevel?: number;
  @IsOptional() @IsDeviceTime() recordedAt?: string;
}
