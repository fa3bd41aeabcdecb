import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppError } from '#core';
import { CommandRunner } from '#realtime';
import { authorizeIncident, conflictUnless } from '../../domain/incident-access.js';
import { decideEdit, decideStatusUpdate } from '../../domain/incident.js';
import { findIncident, recordHistory, saveIncidentChange } from '../../persistence/incident.repository.js';
import { appendIncidentUpdated } from '../append-incident-updated.js';
import { UpdateIncidentCommand } from './update-incident.command.js';

/** `update_incident`: staff or the assignee start the work, change the priority or add a note. */
@CommandHandler(UpdateIncidentCommand)
export class UpdateIncidentHandler implements ICommandHandler<UpdateIncidentCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ principal: me, incidentId, changes: wanted, clientEventId }: UpdateIncidentCommand) {
    if (!wanted.status && !wanted.priority && !wanted.note)
      throw AppError.validation(
        [{ field: 'status', constraints: { atLeastOne: 'give at least one of status, priority, note' } }],
        'Nothing to update: give status, priority or note',
      );
    const ctx = { principal: me, command: 'update_incident', clientEventId };
    const outcome = await this.runner.run(ctx, async (uow) => {
      const current = authorizeIncident(
        me,
        await findIncident(uow.tx, incidentId, true),
        'staff-or-assignee',
      );
      const decision = wanted.status
        ? decideStatusUpdate(current.status, wanted.status)
        : decideEdit(current.status);
      conflictUnless(decision, current.status);
      const changes: Record<string, unknown> = {};
      if (decision.status !== current.status) changes.status = { from: current.status, to: decision.status };
      if (wanted.priority && wanted.priority !== current.priority)
        changes.priority = { from: current.priority, to: wanted.priority };
      if (wanted.note) changes.note = wanted.note;
      await saveIncidentChange(uow.tx, current.id, {
        kind: 'edit',
        status: decision.status,
        priority: wanted.priority ?? current.priority,
      });
      await recordHistory(uow.tx, current.id, me, 'UPDATED', changes, wanted.note ?? null);
      return appendIncidentUpdated(uow, current.id, changes);
    });
    return outcome.result;
  }
}
