import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, Max, Min } from 'class-validator';
import { IsLatitudeNumber, IsLongitudeNumber } from './coordinates.js';

/** A GPS fix as clients send it: lat in [-90, 90], lng in [-180, 180], accuracy in metres. */
export class LocationDto {
  @ApiProperty({ example: 52.52, minimum: -90, maximum: 90 })
  @IsLatitudeNumber()
  lat: number;
  @ApiProperty({ example: 13.405, minimum: -180, maximum: 180 })
  @IsLongitudeNumber()
  lng: number;
  @ApiPropertyOptional({ example: 8 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000)
  accuracy?: number;
}
