import type { Principal } from '#core';
import type { EndShiftDto } from './end-shift.dto.js';

export class EndShiftCommand {
  constructor(
    readonly principal: Principal,
    readonly dto: EndShiftDto,
    readonly receivedAt = new Date(),
  ) {}
}
