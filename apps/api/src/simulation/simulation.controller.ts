import { Body, Controller, HttpCode, NotFoundException, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppConfig, Authenticated } from '#core';
import { SeedSimulationDto } from './seed-simulation.dto.js';
import { SimulationSeeder, type SeedResult } from './simulation-seeder.service.js';

/** Bulk seeding for the fleet simulator and the benchmark. Registered only with ENABLE_SIMULATION_SEED. */
@ApiTags('simulation')
@Controller('simulation')
export class SimulationController {
  constructor(
    private readonly config: AppConfig,
    private readonly seeder: SimulationSeeder,
  ) {}

  @Post('seed')
  @HttpCode(201)
  @Authenticated('admin')
  @ApiOperation({
    summary: 'Create sites, checkpoints, routes, guards and supervisors in bulk (simulation only)',
  })
  @ApiOkResponse({ description: 'Ids and access tokens of everything created' })
  seed(@Body() dto: SeedSimulationDto): Promise<SeedResult> {
    // Second lock besides the module registration: never answer in production.
    if (!this.config.ENABLE_SIMULATION_SEED || this.config.NODE_ENV === 'production')
      throw new NotFoundException();
    return this.seeder.seed(dto);
  }
}
