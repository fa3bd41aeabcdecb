import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';
import type { RaisePanicDto } from './raise-panic.dto.js';

export interface RaisePanicResult {
  panicId: string;
  duplicate: boolean;
}

export class RaisePanicCommand extends Command<RaisePanicResult> {
  constructor(
    readonly principal: Principal,
    readonly dto: RaisePanicDto,
    /** Server receive time: when the command was read off its socket (WsSender). */
    readonly receivedAt: Date,
  ) {
    super();
  }
}
