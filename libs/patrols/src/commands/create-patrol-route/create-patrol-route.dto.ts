import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsUUID, Max, Min } from 'class-validator';
import { DisplayName } from '#core';

export class CreatePatrolRouteDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;

  @DisplayName({ example: 'Night perimeter' }) name: string;

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
