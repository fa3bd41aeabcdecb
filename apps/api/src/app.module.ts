import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, ConfigModule, CoreModule, poolOptions, requestLogging } from '#core';
import { AttendanceModule } from '#attendance';
import { IncidentsModule } from '#incidents';
import { MessagingModule } from '#messaging';
import { NotificationsModule } from '#notifications';
import { PanicModule } from '#panic';
import { PatrolsModule } from '#patrols';
import { RealtimeModule } from '#realtime';
import { TrackingModule } from '#tracking';
import { entities, migrations } from './persistence.js';
import { SimulationModule } from './simulation/simulation.module.js';
import { ConsoleModule } from './console/console.module.js';

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
          // Every wait on PostgreSQL is bounded by COMMAND_TIMEOUT_MS (see poolOptions).
          extra: poolOptions(config),
        }),
        CoreModule,
        RealtimeModule,
        PanicModule,
        IncidentsModule,
        MessagingModule,
        PatrolsModule,
        AttendanceModule,
        TrackingModule,
        NotificationsModule,
        SimulationModule.forRoot(config),
        ConsoleModule.forRoot(config),
        ...extraModules,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestLogging).forRoutes('*path');
  }
}
