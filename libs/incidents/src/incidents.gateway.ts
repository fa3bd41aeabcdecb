import { CommandBus } from '@nestjs/cqrs';
import { MessageBody } from '@nestjs/websockets';
import type { Principal } from '#core';
import { type CommandSender, OnCommand, RealtimeGateway, WsPrincipal, WsRoles, WsSender } from '#realtime';
import { AssignIncidentCommand } from './commands/assign-incident/assign-incident.command.js';
import { AssignIncidentDto } from './commands/assign-incident/assign-incident.dto.js';
import { CreateIncidentCommand } from './commands/create-incident/create-incident.command.js';
import { CreateIncidentDto } from './commands/create-incident/create-incident.dto.js';
import { ResolveIncidentCommand } from './commands/resolve-incident/resolve-incident.command.js';
import { ResolveIncidentDto } from './commands/resolve-incident/resolve-incident.dto.js';
import { UpdateIncidentCommand } from './commands/update-incident/update-incident.command.js';
import { UpdateIncidentDto } from './commands/update-incident/update-incident.dto.js';

/** Socket commands of the incidents feature (docs/protocol.md section 3). */
@RealtimeGateway()
export class IncidentsGateway {
  constructor(private readonly commandBus: CommandBus) {}

  @OnCommand('create_incident')
  create(@WsSender() from: CommandSender, @MessageBody() dto: CreateIncidentDto) {
    return this.commandBus.execute(new CreateIncidentCommand(from.principal, dto, new Date(from.receivedAt)));
  }

  @OnCommand('assign_incident')
  @WsRoles('supervisor', 'manager', 'admin')
  assign(@WsPrincipal() me: Principal, @MessageBody() dto: AssignIncidentDto) {
    return this.commandBus.execute(
      new AssignIncidentCommand(me, dto.incidentId, dto.assigneeId, dto.clientEventId),
    );
  }

  @OnCommand('update_incident')
  update(@WsPrincipal() me: Principal, @MessageBody() dto: UpdateIncidentDto) {
    const { status, priority, note } = dto;
    return this.commandBus.execute(
      new UpdateIncidentCommand(me, dto.incidentId, { status, priority, note }, dto.clientEventId),
    );
  }

  @OnCommand('resolve_incident')
  resolve(@WsPrincipal() me: Principal, @MessageBody() dto: ResolveIncidentDto) {
    return this.commandBus.execute(
      new ResolveIncidentCommand(me, dto.incidentId, dto.resolution, dto.clientEventId),
    );
  }
}
