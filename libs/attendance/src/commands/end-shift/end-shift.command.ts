import type { Principal } from '#core';
import type { EndShiftDto } from './end-shift.dto.js';

export class EndShiftCommand {
  constructor(
    readonly principal: Principal,
    readonly dto: EndShiftDto,
    /** Server receive time: when the command was read off its socket (WsSender). */
    readonly receivedAt: Date,
  ) {}
}
