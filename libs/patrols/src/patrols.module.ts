import { CheckpointController } from './http/checkpoint.controller.js';
import {
  DeleteCheckpointHandler,
  UpdateCheckpointHandler,
} from './commands/change-checkpoint/change-checkpoint.handlers.js';
import {
  DeletePatrolRouteHandler,
  UpdatePatrolRouteHandler,
} from './commands/change-patrol-route/change-patrol-route.handlers.js';
import { PatrolRunsCsv } from './http/patrol-runs-csv.js';
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CompletePatrolHandler } from './commands/complete-patrol/complete-patrol.handler.js';
import { CreateCheckpointHandler } from './commands/create-checkpoint/create-checkpoint.handler.js';
import { CreatePatrolRouteHandler } from './commands/create-patrol-route/create-patrol-route.handler.js';
import { ScanCheckpointHandler } from './commands/scan-checkpoint/scan-checkpoint.handler.js';
import { StartPatrolHandler } from './commands/start-patrol/start-patrol.handler.js';
import { PatrolRunEnder } from './commands/patrol-run-ender.js';
import { BroadcastWhenPatrolChanged } from './event-handlers/broadcast-when-patrol-changed.handler.js';
import { EndPatrolWhenShiftEnded } from './event-handlers/end-patrol-when-shift-ended.handler.js';
import { CheckpointsController } from './http/checkpoints.controller.js';
import { PatrolRoutesController } from './http/patrol-routes.controller.js';
import { PatrolRunsController } from './http/patrol-runs.controller.js';
import { PatrolsGateway } from './patrols.gateway.js';
import { PatrolQueries } from './queries/patrol-queries.js';
import { PatrolViews } from './queries/patrol-views.js';
import { PatrolDeadlineTimers } from './timers/patrol-deadline-timers.js';
import { PatrolShiftSweep } from './timers/patrol-shift-sweep.js';

/** The patrols feature: gateway, REST controller, commands, events, reactions, rules, persistence. */
@Module({
  imports: [CqrsModule],
  controllers: [CheckpointsController, CheckpointController, PatrolRoutesController, PatrolRunsController],
  providers: [
    PatrolsGateway,
    CreateCheckpointHandler,
    UpdateCheckpointHandler,
    DeleteCheckpointHandler,
    UpdatePatrolRouteHandler,
    DeletePatrolRouteHandler,
    CreatePatrolRouteHandler,
    StartPatrolHandler,
    ScanCheckpointHandler,
    CompletePatrolHandler,
    BroadcastWhenPatrolChanged,
    EndPatrolWhenShiftEnded,
    PatrolRunEnder,
    PatrolViews,
    PatrolQueries,
    PatrolRunsCsv,
    PatrolDeadlineTimers,
    PatrolShiftSweep,
  ],
})
export class PatrolsModule {}
