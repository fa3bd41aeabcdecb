import type { Principal } from '#core';
import type { StartShiftDto } from './start-shift.dto.js';

export class StartShiftCommand {
  constructor(
    readonly principal: Principal,
    readonly dto: StartShiftDto,
    readonly receivedAt = new Date(),
  ) {}
}
