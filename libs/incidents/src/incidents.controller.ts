import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Authenticated, CurrentUser, UuidParam, type Principal } from '#core';
import { AssignIncidentCommand } from './commands/assign-incident/assign-incident.command.js';
import { AssignIncidentBodyDto } from './commands/assign-incident/assign-incident.dto.js';
import { CloseIncidentCommand } from './commands/close-incident/close-incident.command.js';
import { CreateIncidentCommand } from './commands/create-incident/create-incident.command.js';
import { CreateIncidentDto } from './commands/create-incident/create-incident.dto.js';
import { ResolveIncidentCommand } from './commands/resolve-incident/resolve-incident.command.js';
import { ResolveIncidentBodyDto } from './commands/resolve-incident/resolve-incident.dto.js';
import { UpdateIncidentCommand } from './commands/update-incident/update-incident.command.js';
import { UpdateIncidentBodyDto } from './commands/update-incident/update-incident.dto.js';
import { IncidentDto, IncidentPageDto, IncidentResultDto } from './dto/incident.dto.js';
import { ListIncidentsQueryDto } from './dto/list-incidents.query.js';
import { IncidentQueries } from './queries/incident-queries.service.js';

/** Back-office incidents; changes run the same commands as the sockets (same events). */
@ApiTags('incidents')
@Controller('incidents')
@Authenticated()
export class IncidentsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: IncidentQueries,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Report an incident (any member of the site); same as create_incident' })
  @ApiCreatedResponse({ type: IncidentDto })
  @ApiErrors(400, 404)
  async create(@CurrentUser() me: Principal, @Body() dto: CreateIncidentDto) {
    return (await this.commandBus.execute(new CreateIncidentCommand(me, dto, new Date()))).incident;
  }

  @Get()
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: "List incidents of the caller's sites (admins: all); filters and paging" })
  @ApiOkResponse({ type: IncidentPageDto })
  @ApiErrors(400)
  list(@CurrentUser() me: Principal, @Query() q: ListIncidentsQueryDto) {
    return this.queries.list(me, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One incident with its history (site staff, reporter, assignee)' })
  @ApiOkResponse({ type: IncidentDto })
  @ApiErrors(400, 404)
  get(@CurrentUser() me: Principal, @UuidParam() id: string) {
    return this.queries.get(me, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Assign to a member of the site; same as assign_incident' })
  @ApiOkResponse({ type: IncidentResultDto })
  @ApiErrors(400, 404, 409)
  assign(@CurrentUser() me: Principal, @UuidParam() id: string, @Body() body: AssignIncidentBodyDto) {
    return this.commandBus.execute(new AssignIncidentCommand(me, id, body.assigneeId));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Start work, change priority or add a note (staff or assignee); same as update_incident',
  })
  @ApiOkResponse({ type: IncidentResultDto })
  @ApiErrors(400, 404, 409)
  update(@CurrentUser() me: Principal, @UuidParam() id: string, @Body() body: UpdateIncidentBodyDto) {
    return this.commandBus.execute(new UpdateIncidentCommand(me, id, body));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve with a resolution (staff or assignee); same as resolve_incident' })
  @ApiOkResponse({ type: IncidentResultDto })
  @ApiErrors(400, 404, 409)
  resolve(@CurrentUser() me: Principal, @UuidParam() id: string, @Body() body: ResolveIncidentBodyDto) {
    return this.commandBus.execute(new ResolveIncidentCommand(me, id, body.resolution));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Close a resolved incident (staff); raises incident_updated' })
  @ApiOkResponse({ type: IncidentResultDto })
  @ApiErrors(400, 404, 409)
  close(@CurrentUser() me: Principal, @UuidParam() id: string) {
    return this.commandBus.execute(new CloseIncidentCommand(me, id));
  }
}
