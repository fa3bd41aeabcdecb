import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { MemoryRateLimitStore, RATE_LIMIT_STORE } from './rate-limit/rate-limit.store.js';
import { AppConfig } from './config/app-config.js';
import { RedisConnections } from './redis/redis-connections.js';
import { RedisRateLimitStore } from './redis/redis-rate-limit.store.js';
import { HealthChecks } from './health/health-checks.js';
import { MembershipService } from './accounts/membership.service.js';
import { SitesController } from './accounts/sites.controller.js';
import { SitesService } from './accounts/sites.service.js';
import { SiteMembersQuery } from './accounts/site-members.query.js';
import { UsersController } from './accounts/users.controller.js';
import { UsersService } from './accounts/users.service.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthService } from './auth/auth.service.js';
import { MeController } from './auth/me.controller.js';
import { PasswordChangeService } from './auth/password-change.service.js';
import { PasswordHasher } from './auth/password-hasher.js';
import { HttpAuthGuard } from './auth/http-auth.guard.js';
import { TokenService } from './auth/token.service.js';
import { RequestShapeGuard } from './http/request-shape.guard.js';
import { RestCommandThrottleGuard } from './http/rest-command-throttle.guard.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './health/metrics.controller.js';
import { RuntimeMetrics } from './health/runtime-metrics.js';
import { PrometheusMetrics } from './metrics/prometheus-metrics.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';

/** Accounts, auth, health and the shared services every feature uses. */
@Global()
@Module({
  // JwtModule without a module-wide secret: TokenService passes its cached KeyObject per call.
  imports: [CqrsModule, TerminusModule, JwtModule.register({})],
  controllers: [
    AuthController,
    MeController,
    UsersController,
    SitesController,
    HealthController,
    MetricsController,
  ],
  providers: [
    TokenService,
    RuntimeMetrics,
    PrometheusMetrics,
    AuthService,
    PasswordHasher,
    PasswordChangeService,
    MembershipService,
    UsersService,
    SitesService,
    SiteMembersQuery,
    RateLimiter,
    RedisConnections,
    HealthChecks,
    {
      provide: RATE_LIMIT_STORE,
      inject: [RedisConnections, AppConfig],
      useFactory: (redis: RedisConnections, config: AppConfig) =>
        redis.enabled
          ? new RedisRateLimitStore(redis.commands, redis.prefix, Math.ceil(config.COMMAND_TIMEOUT_MS / 5))
          : new MemoryRateLimitStore(),
    },
    // global guards run in this order: the shape of the input first (before any walk), then who is
    // asking, then that user's command budget
    { provide: APP_GUARD, useClass: RequestShapeGuard },
    { provide: APP_GUARD, useClass: HttpAuthGuard },
    { provide: APP_GUARD, useClass: RestCommandThrottleGuard },
  ],
  exports: [
    TokenService,
    PrometheusMetrics,
    AuthService,
    PasswordHasher,
    PasswordChangeService,
    MembershipService,
    UsersService,
    SitesService,
    RateLimiter,
    RATE_LIMIT_STORE,
    RedisConnections,
    HealthChecks,
    RuntimeMetrics,
  ],
})
export class CoreModule {}
