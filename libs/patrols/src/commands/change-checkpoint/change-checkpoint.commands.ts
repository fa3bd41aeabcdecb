import { PartialType } from '@nestjs/swagger';
import type { Principal } from '#core';
import { CreateCheckpointDto } from '../create-checkpoint/create-checkpoint.dto.js';

/** Any of a checkpoint's fields; the checks are those of creating one. */
export class UpdateCheckpointDto extends PartialType(CreateCheckpointDto) {}

/** PATCH /checkpoints/:id */
export class UpdateCheckpointCommand {
  constructor(
    readonly principal: Principal,
    readonly checkpointId: string,
    readonly dto: UpdateCheckpointDto,
  ) {}
}

/** DELETE /checkpoints/:id */
export class DeleteCheckpointCommand {
  constructor(
    readonly principal: Principal,
    readonly checkpointId: string,
  ) {}
}
