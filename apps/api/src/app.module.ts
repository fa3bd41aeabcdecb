import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, ConfigModule, CoreModule, requestLogging } from '#core';
import { AttendanceModule } from '#attendance';
import { IncidentsModule } from '#incidents';
import { NotificationsModule } from '#notifications';
import { PanicModule } from '#panic';
import { PatrolsModule } from '#patrols';
import { RealtimeModule } from '#realtime';
import { TrackingModule } from '#tracking';
import { entities, migrations } from './persistence.js';
import { SimulationModule } from './simulation/simulation.module.js';

@Module({})
export class AppModule implements NestModule {
  static forRoot(
    config: AppConfig,
    databaseUrl: string,
    extraModules: DynamicModule['imports'] = [],
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CqrsModule.forRoot(),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: databaseUrl,
          entities,
          migrations,
          migrationsRun: false, // run under an advisory lock by createApp
          migrationsTransactionMode: 'each',
          synchronize: false,
          logging: false,
          // Fail fast when PostgreSQL is down (commands answer UNAVAILABLE, retryable) instead of hanging.
          extra: {
            max: 20,
            connectionTimeoutMillis: 5000,
            idleTimeoutMillis: 30000,
            statement_timeout: 15000,
            // Queries issued without waiting share a round trip; commands send BEGIN and COMMIT
            // with their first and last statements this way (PipelinedTransaction). Code that
            // awaits each query behaves as without it; node-postgres refuses cursors, query
            // streams and the `rows` option in this mode (none are used here).
            pipeline: true,
          },
        }),
        CoreModule,
        RealtimeModule,
        PanicModule,
        IncidentsModule,
        PatrolsModule,
        AttendanceModule,
        TrackingModule,
        NotificationsModule,
        SimulationModule.forRoot(config),
        ...extraModules,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestLogging).forRoutes('*path');
  }
}
