import type { Principal } from '#core';
import type { UpdateLocationDto } from './update-location.dto.js';

export class UpdateLocationCommand {
  constructor(
    readonly principal: Principal,
    readonly dto: UpdateLocationDto,
    /** Server receive time, epoch ms: when the command was read off its socket (WsSender). */
    readonly receivedAt: number,
  ) {}
}
