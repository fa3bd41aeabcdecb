import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';
import type { IncidentView } from '../../persistence/incident.repository.js';

/** REST only: staff close a resolved incident. */
export class CloseIncidentCommand extends Command<{ incident: IncidentView }> {
  constructor(
    readonly principal: Principal,
    readonly incidentId: string,
  ) {
    super();
  }
}
