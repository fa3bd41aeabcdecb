import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';
import type { IncidentView } from '../../persistence/incident.repository.js';

export class ResolveIncidentCommand extends Command<{ incident: IncidentView }> {
  constructor(
    readonly principal: Principal,
    readonly incidentId: string,
    readonly resolution: string,
    readonly clientEventId?: string,
  ) {
    super();
  }
}
