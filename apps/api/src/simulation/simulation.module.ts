import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '#core';
import { SimulationController } from './simulation.controller.js';
import { SimulationSeeder } from './simulation-seeder.service.js';

/**
 * POST /api/v1/simulation/seed, present only when ENABLE_SIMULATION_SEED=true (which config
 * validation refuses in production). Without it the module is empty: the route does not exist.
 * Register in AppModule imports: `SimulationModule.forRoot(config),`
 */
@Module({})
export class SimulationModule {
  static forRoot(config: Pick<AppConfig, 'ENABLE_SIMULATION_SEED' | 'NODE_ENV'>): DynamicModule {
    const enabled = config.ENABLE_SIMULATION_SEED && config.NODE_ENV !== 'production';
    return {
      module: SimulationModule,
      controllers: enabled ? [SimulationController] : [],
      providers: enabled ? [SimulationSeeder] : [],
    };
  }
}
