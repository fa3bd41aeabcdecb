import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Authenticated, CurrentUser, UuidParam, type Principal } from '#core';
import { AcknowledgePanicCommand } from './commands/acknowledge-panic/acknowledge-panic.command.js';
import { ResolvePanicBodyDto } from './commands/resolve-panic/resolve-panic.dto.js';
import { ResolvePanicCommand } from './commands/resolve-panic/resolve-panic.command.js';
import { ListPanicsQueryDto } from './dto/list-panics.query.js';
import { PanicDto, PanicPageDto, PanicResultDto } from './dto/panic.dto.js';
import { PanicQueries } from './queries/panic-queries.service.js';

/** Back-office view of panics; actions run the same commands as the sockets (same events). */
@ApiTags('panics')
@Controller('panics')
@Authenticated('supervisor', 'manager', 'admin')
export class PanicController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: PanicQueries,
  ) {}

  @Get()
  @ApiOperation({ summary: "List panics of the caller's sites (admins: all); filter by site, status, time" })
  @ApiOkResponse({ type: PanicPageDto })
  @ApiErrors(400)
  list(@CurrentUser() me: Principal, @Query() q: ListPanicsQueryDto) {
    return this.queries.list(me, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: PanicDto })
  @ApiErrors(400, 404)
  get(@CurrentUser() me: Principal, @UuidParam() id: string) {
    return this.queries.get(me, id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge a panic (first acknowledger wins); same as panic_acknowledge' })
  @ApiOkResponse({ type: PanicResultDto })
  @ApiErrors(400, 404, 409)
  acknowledge(@CurrentUser() me: Principal, @UuidParam() id: string) {
    return this.commandBus.execute(new AcknowledgePanicCommand(me, id));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve a panic with notes; same as panic_resolve' })
  @ApiOkResponse({ type: PanicResultDto })
  @ApiErrors(400, 404, 409)
  resolve(@CurrentUser() me: Principal, @UuidParam() id: string, @Body() body: ResolvePanicBodyDto) {
    return this.commandBus.execute(new ResolvePanicCommand(me, id, body.notes));
  }
}
