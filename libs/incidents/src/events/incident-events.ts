import { CommittedEvent, Rooms } from '#realtime';
import type { IncidentView } from '../persistence/incident.repository.js';

/** An incident changed; `envelopes` are its stored events, ready to broadcast. */
export abstract class IncidentChangedEvent extends CommittedEvent {
  constructor(readonly incidentId: string) {
    super();
  }
}
export class IncidentCreatedEvent extends IncidentChangedEvent {}
export class IncidentAssignedEvent extends IncidentChangedEvent {}
export class IncidentUpdatedEvent extends IncidentChangedEvent {}
export class IncidentResolvedEvent extends IncidentChangedEvent {}

/** Site staff, the reporter and the assignee (docs/protocol.md section 4), each stream once. */
export const incidentStreams = (i: IncidentView): string[] => [
  ...new Set([
    Rooms.siteStaff(i.siteId),
    Rooms.user(i.reporter.id),
    ...(i.assignee ? [Rooms.user(i.assignee.id)] : []),
  ]),
];
