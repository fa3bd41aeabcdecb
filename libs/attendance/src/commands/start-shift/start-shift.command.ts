import type { Principal } from '#core';
import type { StartShiftDto } from './start-shift.dto.js';

export class StartShiftCommand {
  constructor(
    readonly principal: Principal,
    readonly dto: StartShiftDto,
    /** Server receive time: when the command was read off its socket (WsSender). */
    readonly receivedAt: Date,
  ) {}
}
