import type { Principal } from '#core';
import type { UpdateLocationDto } from './update-location.dto.js';

export class UpdateLocationCommand {
  constructor(
    readonly principal: Principal,
    readonly dto: UpdateLocationDto,
    readonly receivedAt = Date.now(),
  ) {}
}
