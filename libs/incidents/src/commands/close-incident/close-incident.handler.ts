import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#realtime';
import { authorizeIncident, conflictUnless } from '../../domain/incident-access.js';
import { decideClose } from '../../domain/incident.js';
import { findIncident, recordHistory, saveIncidentChange } from '../../persistence/incident.repository.js';
import { appendIncidentUpdated } from '../append-incident-updated.js';
import { CloseIncidentCommand } from './close-incident.command.js';

/** Closing a resolved incident (staff, REST) raises `incident_updated` with the status change. */
@CommandHandler(CloseIncidentCommand)
export class CloseIncidentHandler implements ICommandHandler<CloseIncidentCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ principal: me, incidentId }: CloseIncidentCommand) {
    const outcome = await this.runner.run({ principal: me, command: 'close_incident' }, async (uow) => {
      const current = authorizeIncident(me, await findIncident(uow.tx, incidentId, true), 'staff');
      const decision = decideClose(current.status);
      conflictUnless(decision, current.status);
      await saveIncidentChange(uow.tx, current.id, { kind: 'close', status: decision.status, by: me.userId });
      const changes = { status: { from: current.status, to: decision.status } };
      await recordHistory(uow.tx, current.id, me, 'CLOSED', changes);
      return appendIncidentUpdated(uow, current.id, changes);
    });
    return outcome.result;
  }
}
