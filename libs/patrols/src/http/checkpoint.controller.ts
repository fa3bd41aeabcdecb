import { Body, Controller, Delete, HttpCode, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Authenticated, CurrentUser, UuidParam, type Principal } from '#core';
import {
  DeleteCheckpointCommand,
  UpdateCheckpointCommand,
  UpdateCheckpointDto,
} from '../commands/change-checkpoint/change-checkpoint.commands.js';
import type { CheckpointView } from '../queries/patrol-views.js';
import { CheckpointDto } from './patrol-responses.dto.js';

/** One checkpoint by its id (its site is known from it): edit and delete. */
@ApiTags('patrols')
@Controller('checkpoints')
export class CheckpointController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':id')
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: "Edit a checkpoint's name, code, position or radius (staff of its site)" })
  @ApiOkResponse({ type: CheckpointDto })
  @ApiErrors(400, 404, 409)
  update(@CurrentUser() me: Principal, @UuidParam() id: string, @Body() dto: UpdateCheckpointDto) {
    return this.commands.execute<UpdateCheckpointCommand, CheckpointView>(
      new UpdateCheckpointCommand(me, id, dto),
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({
    summary: 'Delete a checkpoint no route or patrol run uses (staff of its site); CONFLICT otherwise',
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409)
  async remove(@CurrentUser() me: Principal, @UuidParam() id: string): Promise<void> {
    await this.commands.execute(new DeleteCheckpointCommand(me, id));
  }
}
