import type { Principal } from '#core';
import type { ScheduleShiftDto } from './schedule-shift.dto.js';

export class ScheduleShiftCommand {
  constructor(
    readonly principal: Principal,
    readonly dto: ScheduleShiftDto,
  ) {}
}
