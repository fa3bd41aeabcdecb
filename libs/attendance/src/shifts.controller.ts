import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, Authenticated, CurrentUser, UuidParam, type Principal } from '#core';
import {
  RescheduleShiftCommand,
  UnscheduleShiftCommand,
} from './commands/change-scheduled-shift/change-scheduled-shift.command.js';
import { RescheduleShiftDto } from './commands/change-scheduled-shift/reschedule-shift.dto.js';
import { ScheduleShiftCommand } from './commands/schedule-shift/schedule-shift.command.js';
import { ScheduleShiftDto } from './commands/schedule-shift/schedule-shift.dto.js';
import {
  ScheduleWeeklyShiftsDto,
  WeeklyShiftsResultDto,
} from './commands/schedule-weekly-shifts/schedule-weekly-shifts.dto.js';
import { ScheduleWeeklyShifts } from './commands/schedule-weekly-shifts/schedule-weekly-shifts.service.js';
import { ScheduledShiftDto, ScheduledShiftPageDto } from './http/attendance-responses.dto.js';
import type { ScheduledShiftView } from './persistence/shift.views.js';
import { ScheduledShiftsQuery, ScheduledShiftsQueryDto } from './queries/scheduled-shifts.query.js';

@ApiTags('attendance')
@Controller('shifts')
export class ShiftsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly query: ScheduledShiftsQuery,
    private readonly weekly: ScheduleWeeklyShifts,
  ) {}

  @Post('weekly')
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({
    summary: "Plan a guard's shifts from a weekly pattern (site-local time) over 1-12 weeks (site staff)",
  })
  @ApiCreatedResponse({ type: WeeklyShiftsResultDto })
  @ApiErrors(400, 404)
  createWeekly(@CurrentUser() me: Principal, @Body() dto: ScheduleWeeklyShiftsDto) {
    return this.weekly.run(me, dto);
  }

  @Post()
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Plan a shift for a guard assigned to the site (site staff)' })
  @ApiCreatedResponse({ type: ScheduledShiftDto })
  @ApiErrors(400, 404, 409)
  create(@CurrentUser() me: Principal, @Body() dto: ScheduleShiftDto): Promise<ScheduledShiftView> {
    return this.commandBus.execute(new ScheduleShiftCommand(me, dto));
  }

  @Patch(':id')
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({
    summary: 'New times for a planned shift nobody clocked in for yet (site staff): shift_rescheduled',
  })
  @ApiOkResponse({ type: ScheduledShiftDto })
  @ApiErrors(400, 404, 409)
  reschedule(@CurrentUser() me: Principal, @UuidParam() id: string, @Body() dto: RescheduleShiftDto) {
    return this.commandBus.execute<RescheduleShiftCommand, ScheduledShiftView>(
      new RescheduleShiftCommand(me, id, dto),
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Withdraw a planned shift nobody clocked in for (site staff): shift_unscheduled' })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409)
  async unschedule(@CurrentUser() me: Principal, @UuidParam() id: string): Promise<void> {
    await this.commandBus.execute(new UnscheduleShiftCommand(me, id));
  }

  @Get()
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Planned shifts of the sites the caller may see' })
  @ApiOkResponse({ type: ScheduledShiftPageDto })
  @ApiErrors(400, 404)
  list(@CurrentUser() me: Principal, @Query() q: ScheduledShiftsQueryDto) {
    return this.query.list(me, q);
  }
}
