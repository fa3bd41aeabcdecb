import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';
import type { CheckpointView } from '../../queries/patrol-views.js';
import type { CreateCheckpointDto } from './create-checkpoint.dto.js';

export class CreateCheckpointCommand extends Command<CheckpointView> {
  constructor(
    readonly principal: Principal,
    readonly siteId: string,
    readonly dto: CreateCheckpointDto,
  ) {
    super();
  }
}
