import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';
import type { IncidentView } from '../../persistence/incident.repository.js';
import type { CreateIncidentDto } from './create-incident.dto.js';

export class CreateIncidentCommand extends Command<{ incident: IncidentView }> {
  constructor(
    readonly principal: Principal,
    readonly dto: CreateIncidentDto,
    /** Server receive time: when the command was read off its socket, or the REST request's. */
    readonly receivedAt: Date,
  ) {
    super();
  }
}
