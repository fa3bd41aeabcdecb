import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { LocationDto } from '#core';

/** POST /simulation/seed: how big a fleet to create in one go. */
export class SeedSimulationDto {
  @ApiProperty({ minimum: 1, maximum: 2000, example: 5 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2000)
  sites: number;

  @ApiProperty({ minimum: 0, maximum: 50000, example: 100, description: 'Spread round-robin over the sites' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(50000)
  guards: number;

  @ApiProperty({
    minimum: 0,
    maximum: 10000,
    example: 10,
    description: 'Each assigned to one site, round-robin',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  supervisors: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  checkpointsPerSite?: number;

  @ApiPropertyOptional({
    minimum: 60,
    maximum: 86400,
    default: 3600,
    description: 'Lifetime of the returned tokens',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(86400)
  tokenTtlS?: number;

  @ApiPropertyOptional({ type: LocationDto, description: 'Where the sites are laid out (default Berlin)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationDto)
  origin?: LocationDto;
}
