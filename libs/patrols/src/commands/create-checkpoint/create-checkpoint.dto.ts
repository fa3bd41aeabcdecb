import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DisplayName, PlainText } from '#core';
import { LatLngDto } from '../../http/lat-lng.dto.js';

export class CreateCheckpointDto {
  @DisplayName({ example: 'Loading dock gate' }) name: string;

  @ApiProperty({ example: 'CP-DOCK-01', description: 'What the QR/NFC tag carries; unique per site' })
  @PlainText(100)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^\S+$/, { message: 'code must not contain spaces' })
  code: string;

  @ApiProperty({ type: LatLngDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LatLngDto)
  location: LatLngDto;

  @ApiPropertyOptional({
    default: 30,
    minimum: 1,
    maximum: 5000,
    description: 'Accepted scan distance in metres',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5000)
  radiusM?: number;
}
