import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { RedisConnections } from '../redis/redis-connections.js';

/** Readiness beyond the database: Redis when this node uses it. */
@Injectable()
export class HealthChecks {
  constructor(
    private readonly redis: RedisConnections,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async redisCheck(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('redis');
    if (!this.redis.enabled) return check.up({ used: false });
    return (await this.redis.ping()) ? check.up() : check.down({ message: 'Redis unreachable' });
  }
}
