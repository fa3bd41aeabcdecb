import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';
import type { IncidentView } from '../../persistence/incident.repository.js';

export class AssignIncidentCommand extends Command<{ incident: IncidentView }> {
  constructor(
    readonly principal: Principal,
    readonly incidentId: string,
    readonly assigneeId: string,
    readonly clientEventId?: string,
  ) {
    super();
  }
}
