import { CommittedEvent } from '#realtime';

/** A planned shift got new times (committed): `shift_rescheduled` to the site staff and the guard. */
export class ShiftRescheduledEvent extends CommittedEvent {}

/** A planned shift was withdrawn (committed): `shift_unscheduled` to the site staff and the guard. */
export class ShiftUnscheduledEvent extends CommittedEvent {}
