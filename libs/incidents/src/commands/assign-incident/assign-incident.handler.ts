import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppError } from '#core';
import { CommandRunner, Rooms } from '#realtime';
import type { EntityManager } from 'typeorm';
import { authorizeIncident, conflictUnless } from '../../domain/incident-access.js';
import { decideAssign } from '../../domain/incident.js';
import { IncidentAssignedEvent, incidentStreams } from '../../events/incident-events.js';
import {
  assigneeCandidate,
  findIncident,
  recordHistory,
  saveIncidentChange,
} from '../../persistence/incident.repository.js';
import { AssignIncidentCommand } from './assign-incident.command.js';

/** The assignee must be an active user assigned to the incident's site (admins work every site). */
async function assigneeOf(tx: EntityManager, userId: string, siteId: string) {
  const user = await assigneeCandidate(tx, userId, siteId);
  if (!user)
    throw AppError.validation(
      [{ field: 'assigneeId', constraints: { exists: 'assigneeId must be an active user' } }],
      'The assignee does not exist or is inactive',
    );
  if (!user.assigned && user.role !== 'admin')
    throw AppError.forbidden('The assignee is not assigned to this site', { field: 'assigneeId', siteId });
  return { id: user.id, name: user.name };
}

/** `assign_incident`: site staff hand an incident to a member of the site. */
@CommandHandler(AssignIncidentCommand)
export class AssignIncidentHandler implements ICommandHandler<AssignIncidentCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ principal: me, incidentId, assigneeId, clientEventId }: AssignIncidentCommand) {
    const ctx = { principal: me, command: 'assign_incident', clientEventId };
    const outcome = await this.runner.run(ctx, async (uow) => {
      const current = authorizeIncident(me, await findIncident(uow.tx, incidentId, true), 'staff');
      const decision = decideAssign(current.status);
      conflictUnless(decision, current.status);
      const assignee = await assigneeOf(uow.tx, assigneeId, current.siteId);
      await saveIncidentChange(uow.tx, current.id, {
        kind: 'assign',
        status: decision.status,
        assigneeId: assignee.id,
      });
      const changes = {
        assignee: { from: current.assignee, to: assignee },
        ...(decision.status !== current.status && { status: { from: current.status, to: decision.status } }),
      };
      await recordHistory(uow.tx, current.id, me, 'ASSIGNED', changes);
      const incident = (await findIncident(uow.tx, current.id))!;
      const streams = incidentStreams(incident);
      if (current.assignee && current.assignee.id !== assignee.id)
        streams.push(Rooms.user(current.assignee.id));
      const appended = uow.append({
        type: 'incident_assigned',
        siteId: incident.siteId,
        streams,
        data: { incident, assignee },
      });
      uow.raise(new IncidentAssignedEvent(incident.id), appended);
      return { incident };
    });
    return outcome.result;
  }
}
