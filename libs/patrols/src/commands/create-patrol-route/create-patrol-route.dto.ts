import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PlainText } from '#core';

export class CreatePatrolRouteDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;

  @ApiProperty({ example: 'Night perimeter' })
  @PlainText(120)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Checkpoints of the site in walking order (each once)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  checkpointIds: string[];

  @ApiProperty({ example: 45, minimum: 1, maximum: 1440, description: 'After this the run is OVERDUE' })
  @IsInt()
  @Min(1)
  @Max(1440)
  expectedDurationMinutes: number;

  @ApiProperty({
    example: 15,
    minimum: 1,
    maximum: 1440,
    description: 'Longest time between two checkpoints before CHECKPOINT_MISSED',
  })
  @IsInt()
  @Min(1)
  @Max(1440)
  maxGapMinutes: number;
}
