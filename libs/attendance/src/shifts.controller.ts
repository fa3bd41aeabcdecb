import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Authenticated, CurrentUser, type Principal } from '#core';
import { ScheduleShiftCommand } from './commands/schedule-shift/schedule-shift.command.js';
import { ScheduleShiftDto } from './commands/schedule-shift/schedule-shift.dto.js';
import {
  ScheduleWeeklyShiftsDto,
  WeeklyShiftsResultDto,
} from './commands/schedule-weekly-shifts/schedule-weekly-shifts.dto.js';
import { ScheduleWeeklyShifts } from './commands/schedule-weekly-shifts/schedule-weekly-shifts.service.js';
import { ScheduledShiftDto, ScheduledShiftPageDto } from './http/attendance-responses.dto.js';
import type { ScheduledShiftView } from './persistence/shift.repository.js';
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

  @Get()
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Planned shifts of the sites the caller may see' })
  @ApiOkResponse({ type: ScheduledShiftPageDto })
  @ApiErrors(400, 404)
  list(@CurrentUser() me: Principal, @Query() q: ScheduledShiftsQueryDto) {
    return this.query.list(me, q);
  }
}
