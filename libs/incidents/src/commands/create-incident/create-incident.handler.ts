import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actionTime, AppError, canAccessSite } from '#core';
import { CommandRunner } from '#realtime';
import { IncidentCreatedEvent, incidentStreams } from '../../events/incident-events.js';
import {
  findIncident,
  insertIncident,
  recordHistory,
  siteExists,
} from '../../persistence/incident.repository.js';
import { CreateIncidentCommand } from './create-incident.command.js';

/** `create_incident`: any member of the site reports; site staff and the reporter hear of it. */
@CommandHandler(CreateIncidentCommand)
export class CreateIncidentHandler implements ICommandHandler<CreateIncidentCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ principal: me, dto, receivedAt }: CreateIncidentCommand) {
    const ctx = { principal: me, command: 'create_incident', clientEventId: dto.clientEventId };
    const outcome = await this.runner.run(ctx, async (uow) => {
      if (!canAccessSite(me, dto.siteId))
        throw AppError.forbidden('You are not assigned to this site', { siteId: dto.siteId });
      if (!(await siteExists(uow.tx, dto.siteId))) throw AppError.notFound('Site');
      const location = dto.location
        ? { lat: dto.location.lat, lng: dto.location.lng, accuracy: dto.location.accuracy }
        : null;
      const id = await insertIncident(uow.tx, {
        siteId: dto.siteId,
        type: dto.type,
        priority: dto.priority,
        title: dto.title,
        description: dto.description || null,
        location,
        reporterId: me.userId,
        occurredAt: actionTime(dto.recordedAt, receivedAt),
        receivedAt,
      });
      await recordHistory(uow.tx, id, me, 'CREATED', { status: { from: null, to: 'OPEN' } });
      const incident = (await findIncident(uow.tx, id))!;
      const appended = uow.append({
        type: 'incident_created',
        siteId: incident.siteId,
        streams: incidentStreams(incident),
        data: { incident },
        occurredAt: new Date(incident.occurredAt),
      });
      uow.raise(new IncidentCreatedEvent(incident.id), appended);
      return { incident };
    });
    return outcome.result;
  }
}
