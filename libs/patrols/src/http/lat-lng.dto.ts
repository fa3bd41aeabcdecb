import { ApiProperty } from '@nestjs/swagger';
import { IsLatitude, IsLongitude, IsNumber } from 'class-validator';

/** A fixed position (a checkpoint's): lat in [-90, 90], lng in [-180, 180]. */
export class LatLngDto {
  @ApiProperty({ example: 52.5201 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude()
  lat: number;
  @ApiProperty({ example: 13.4049 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude()
  lng: number;
}
