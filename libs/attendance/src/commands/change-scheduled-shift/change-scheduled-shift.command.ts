import type { Principal } from '#core';
import type { RescheduleShiftDto } from './reschedule-shift.dto.js';

/** PATCH /shifts/:id: new times for a planned shift nobody clocked in for yet. */
export class RescheduleShiftCommand {
  constructor(
    readonly principal: Principal,
    readonly scheduledShiftId: string,
    readonly dto: RescheduleShiftDto,
  ) {}
}

/** DELETE /shifts/:id: withdraws a planned shift nobody clocked in for. */
export class UnscheduleShiftCommand {
  constructor(
    readonly principal: Principal,
    readonly scheduledShiftId: string,
  ) {}
}
