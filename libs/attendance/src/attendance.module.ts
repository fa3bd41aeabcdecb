import {
  RescheduleShiftHandler,
  UnscheduleShiftHandler,
} from './commands/change-scheduled-shift/change-scheduled-shift.handlers.js';
import { AttendanceCsv } from './http/attendance-csv.js';
import { ScheduleWeeklyShifts } from './commands/schedule-weekly-shifts/schedule-weekly-shifts.service.js';
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AttendanceController } from './attendance.controller.js';
import { AttendanceGateway } from './attendance.gateway.js';
import { EndShiftHandler } from './commands/end-shift/end-shift.handler.js';
import { ScheduleShiftHandler } from './commands/schedule-shift/schedule-shift.handler.js';
import { StartShiftHandler } from './commands/start-shift/start-shift.handler.js';
import { BroadcastWhenShiftEnded } from './event-handlers/broadcast-when-shift-ended.handler.js';
import { BroadcastWhenShiftScheduled } from './event-handlers/broadcast-when-shift-scheduled.handler.js';
import { BroadcastWhenShiftStarted } from './event-handlers/broadcast-when-shift-started.handler.js';
import { NoShowTimer } from './no-show/no-show.timer.js';
import { AttendanceReportQuery } from './queries/attendance-report.query.js';
import { ScheduledShiftsQuery } from './queries/scheduled-shifts.query.js';
import { ShiftsController } from './shifts.controller.js';

/** The attendance feature: gateway, REST controller, commands, events, reactions, rules, persistence. */
@Module({
  imports: [CqrsModule],
  controllers: [ShiftsController, AttendanceController],
  providers: [
    AttendanceGateway,
    StartShiftHandler,
    EndShiftHandler,
    ScheduleShiftHandler,
    RescheduleShiftHandler,
    UnscheduleShiftHandler,
    BroadcastWhenShiftStarted,
    BroadcastWhenShiftEnded,
    BroadcastWhenShiftScheduled,
    NoShowTimer,
    ScheduledShiftsQuery,
    AttendanceReportQuery,
    ScheduleWeeklyShifts,
    AttendanceCsv,
  ],
})
export class AttendanceModule {}
