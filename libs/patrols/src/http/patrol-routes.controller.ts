import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, Authenticated, CurrentUser, UuidParam, type Principal } from '#core';
import { CreatePatrolRouteCommand } from '../commands/create-patrol-route/create-patrol-route.command.js';
import { CreatePatrolRouteDto } from '../commands/create-patrol-route/create-patrol-route.dto.js';
import {
  DeletePatrolRouteCommand,
  UpdatePatrolRouteCommand,
  UpdatePatrolRouteDto,
} from '../commands/change-patrol-route/change-patrol-route.commands.js';
import { PatrolQueries } from '../queries/patrol-queries.js';
import type { PatrolRouteView } from '../queries/patrol-views.js';
import { PatrolRoutesQueryDto } from './patrol-queries.dto.js';
import { qrSheetSvg } from './qr-sheet.js';
import { PatrolRouteDto, PatrolRoutePageDto } from './patrol-responses.dto.js';

@ApiTags('patrols')
@Controller('patrol-routes')
export class PatrolRoutesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: PatrolQueries,
  ) {}

  @Post()
  @HttpCode(201)
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Create a patrol route: ordered checkpoints of one site (staff of the site)' })
  @ApiCreatedResponse({ type: PatrolRouteDto })
  @ApiErrors(400, 404)
  create(@CurrentUser() me: Principal, @Body() dto: CreatePatrolRouteDto) {
    return this.commands.execute(new CreatePatrolRouteCommand(me, dto));
  }

  @Get()
  @Authenticated()
  @ApiOperation({ summary: "Patrol routes of the caller's sites (admins: all), optionally of one site" })
  @ApiOkResponse({ type: PatrolRoutePageDto })
  @ApiErrors(400, 404)
  list(@CurrentUser() me: Principal, @Query() q: PatrolRoutesQueryDto) {
    return this.queries.routes(me, q.siteId, q);
  }

  @Get(':id/qr-sheet.svg')
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({
    summary: "A printable sheet (SVG, A4 width) of the route's checkpoint QR codes (site staff)",
  })
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ content: { 'image/svg+xml': { schema: { type: 'string' } } } })
  @ApiErrors(400, 404)
  async qrSheet(@CurrentUser() me: Principal, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    const route = await this.queries.route(me, id);
    res.type('image/svg+xml; charset=utf-8').send(await qrSheetSvg(route.name, route.checkpoints));
  }

  @Patch(':id')
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({
    summary: 'Edit a route: name, checkpoints, timings (staff of its site); runs in progress keep theirs',
  })
  @ApiOkResponse({ type: PatrolRouteDto })
  @ApiErrors(400, 404)
  update(@CurrentUser() me: Principal, @UuidParam() id: string, @Body() dto: UpdatePatrolRouteDto) {
    return this.commands.execute<UpdatePatrolRouteCommand, PatrolRouteView>(
      new UpdatePatrolRouteCommand(me, id, dto),
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({
    summary: 'Delete a route no patrol run was made on (staff of its site); CONFLICT otherwise',
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409)
  async remove(@CurrentUser() me: Principal, @UuidParam() id: string): Promise<void> {
    await this.commands.execute(new DeletePatrolRouteCommand(me, id));
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One patrol route with its checkpoints in walking order' })
  @ApiOkResponse({ type: PatrolRouteDto })
  @ApiErrors(400, 404)
  get(@CurrentUser() me: Principal, @UuidParam() id: string) {
    return this.queries.route(me, id);
  }
}
