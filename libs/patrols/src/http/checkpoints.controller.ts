import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Authenticated, CurrentUser, PageQueryDto, UuidParam, type Principal } from '#core';
import { CreateCheckpointCommand } from '../commands/create-checkpoint/create-checkpoint.command.js';
import { CreateCheckpointDto } from '../commands/create-checkpoint/create-checkpoint.dto.js';
import { PatrolQueries } from '../queries/patrol-queries.js';
import { CheckpointDto, CheckpointPageDto } from './patrol-responses.dto.js';

@ApiTags('patrols')
@Controller('sites/:id/checkpoints')
export class CheckpointsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: PatrolQueries,
  ) {}

  @Post()
  @HttpCode(201)
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Add a checkpoint (QR/NFC tag) to a site (staff of the site)' })
  @ApiCreatedResponse({ type: CheckpointDto })
  @ApiErrors(400, 404, 409)
  create(@CurrentUser() me: Principal, @UuidParam() siteId: string, @Body() dto: CreateCheckpointDto) {
    return this.commands.execute(new CreateCheckpointCommand(me, siteId, dto));
  }

  @Get()
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Checkpoints of a site (staff of the site)' })
  @ApiOkResponse({ type: CheckpointPageDto })
  @ApiErrors(400, 404)
  list(@CurrentUser() me: Principal, @UuidParam() siteId: string, @Query() q: PageQueryDto) {
    return this.queries.checkpoints(me, siteId, q);
  }
}
