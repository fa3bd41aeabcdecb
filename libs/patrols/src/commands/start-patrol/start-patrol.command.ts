import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';
import type { PatrolRunView } from '../../queries/patrol-views.js';
import type { StartPatrolDto } from './start-patrol.dto.js';

export class StartPatrolCommand extends Command<{ patrolRun: PatrolRunView }> {
  constructor(
    readonly principal: Principal,
    readonly dto: StartPatrolDto,
    /** Server receive time: when the command was read off its socket (WsSender). */
    readonly receivedAt: Date,
  ) {
    super();
  }
}
