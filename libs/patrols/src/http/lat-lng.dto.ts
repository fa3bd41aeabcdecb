import { ApiProperty } from '@nestjs/swagger';
import { IsLatitudeNumber, IsLongitudeNumber } from '#core';

/** A fixed position (a checkpoint's): lat in [-90, 90], lng in [-180, 180]. */
export class LatLngDto {
  @ApiProperty({ example: 52.5201, minimum: -90, maximum: 90 })
  @IsLatitudeNumber()
  lat: number;
  @ApiProperty({ example: 13.4049, minimum: -180, maximum: 180 })
  @IsLongitudeNumber()
  lng: number;
}
