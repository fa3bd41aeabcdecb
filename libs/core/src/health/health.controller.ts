import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  TypeOrmHealthIndicator,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import { Public } from '../auth/decorators.js';

/** Extra readiness checks contributed by other modules (Redis when configured). */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    @Optional() @Inject(READINESS_CHECKS) private readonly extra: HealthIndicatorFunction[] = [],
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Database reachable (and Redis when used); 503 otherwise' })
  ready() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 2000 }), ...this.extra]);
  }
}
