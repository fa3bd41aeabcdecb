import { IsLatitude, IsLongitude, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { IsDeviceTime } from '#core';
import { CommandDto } from '#realtime';

const finite = { allowNaN: false, allowInfinity: false };

export class UpdateLocationDto extends CommandDto {
  @IsNumber(finite) @IsLatitude() lat: number;
  @IsNumber(finite) @IsLongitude() lng: number;
  @IsOptional() @IsNumber(finite) @Min(0) @Max(100_000) accuracy?: number;
  @IsOptional() @IsNumber(finite) @Min(0) @Max(360) heading?: number;
  @IsOptional() @IsNumber(finite) @Min(0) @Max(1000) speed?: number;
  @IsOptional() @IsNumber(finite) @Min(0) @Max(100) batteryLevel?: number;
  @IsOptional() @IsDeviceTime() recordedAt?: string;
}
