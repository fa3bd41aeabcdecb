import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';
import type { IncidentView } from '../../persistence/incident.repository.js';
import type { IncidentChanges } from './update-incident.dto.js';

export class UpdateIncidentCommand extends Command<{ incident: IncidentView }> {
  constructor(
    readonly principal: Principal,
    readonly incidentId: string,
    readonly changes: IncidentChanges,
    readonly clientEventId?: string,
  ) {
    super();
  }
}
