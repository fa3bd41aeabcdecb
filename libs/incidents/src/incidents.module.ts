import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AssignIncidentHandler } from './commands/assign-incident/assign-incident.handler.js';
import { CloseIncidentHandler } from './commands/close-incident/close-incident.handler.js';
import { CreateIncidentHandler } from './commands/create-incident/create-incident.handler.js';
import { ResolveIncidentHandler } from './commands/resolve-incident/resolve-incident.handler.js';
import { UpdateIncidentHandler } from './commands/update-incident/update-incident.handler.js';
import { BroadcastWhenIncidentChanged } from './event-handlers/broadcast-when-incident-changed.handler.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsGateway } from './incidents.gateway.js';
import { IncidentQueries } from './queries/incident-queries.service.js';

/** The incidents feature: gateway, REST controller, commands, events, reactions, rules, persistence. */
@Module({
  imports: [CqrsModule],
  controllers: [IncidentsController],
  providers: [
    IncidentsGateway,
    CreateIncidentHandler,
    AssignIncidentHandler,
    UpdateIncidentHandler,
    ResolveIncidentHandler,
    CloseIncidentHandler,
    BroadcastWhenIncidentChanged,
    IncidentQueries,
  ],
})
export class IncidentsModule {}
