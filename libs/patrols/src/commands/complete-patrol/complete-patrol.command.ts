import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';
import type { PatrolRunView } from '../../queries/patrol-views.js';
import type { CompletePatrolDto } from './complete-patrol.dto.js';

export class CompletePatrolCommand extends Command<{ patrolRun: PatrolRunView }> {
  constructor(
    readonly principal: Principal,
    readonly dto: CompletePatrolDto,
    /** Server receive time: when the command was read off its socket (WsSender). */
    readonly receivedAt: Date,
  ) {
    super();
  }
}
