import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#realtime';
import { authorizeIncident, conflictUnless } from '../../domain/incident-access.js';
import { decideResolve } from '../../domain/incident.js';
import { IncidentResolvedEvent, incidentStreams } from '../../events/incident-events.js';
import { findIncident, recordHistory, saveIncidentChange } from '../../persistence/incident.repository.js';
import { ResolveIncidentCommand } from './resolve-incident.command.js';

/** `resolve_incident`: staff or the assignee finish the work with a resolution. */
@CommandHandler(ResolveIncidentCommand)
export class ResolveIncidentHandler implements ICommandHandler<ResolveIncidentCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ principal: me, incidentId, resolution, clientEventId }: ResolveIncidentCommand) {
    const ctx = { principal: me, command: 'resolve_incident', clientEventId };
    const outcome = await this.runner.run(ctx, async (uow) => {
      const current = authorizeIncident(
        me,
        await findIncident(uow.tx, incidentId, true),
        'staff-or-assignee',
      );
      const decision = decideResolve(current.status);
      conflictUnless(decision, current.status);
      await saveIncidentChange(uow.tx, current.id, {
        kind: 'resolve',
        status: decision.status,
        resolution,
        by: me.userId,
      });
      await recordHistory(uow.tx, current.id, me, 'RESOLVED', {
        status: { from: current.status, to: decision.status },
        resolution,
      });
      const incident = (await findIncident(uow.tx, current.id))!;
      const appended = uow.append({
        type: 'incident_resolved',
        siteId: incident.siteId,
        streams: incidentStreams(incident),
        data: { incident },
      });
      uow.raise(new IncidentResolvedEvent(incident.id), appended);
      return { incident };
    });
    return outcome.result;
  }
}
