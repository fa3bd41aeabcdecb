import { CommittedEvent } from '#realtime';

/** A panic was acknowledged: `panic_acknowledged` to the site staff and the raiser. */
export class PanicAcknowledgedEvent extends CommittedEvent {
  constructor(readonly panicId: string) {
    super();
  }
}

/** A panic was resolved: `panic_resolved` to the site staff and the raiser. */
export class PanicResolvedEvent extends CommittedEvent {
  constructor(readonly panicId: string) {
    super();
  }
}

/** A panic went up a level (deadline or no receipt): `panic_escalated` to its audience's own streams. */
export class PanicEscalatedEvent extends CommittedEvent {
  constructor(
    readonly panicId: string,
    readonly level: number,
  ) {
    super();
  }
}

/** Who confirmed a panic's alert was stored: `panic_delivery { panicId, confirmedBy }` to the raiser. */
export class PanicDeliveryRecordedEvent extends CommittedEvent {
  constructor(
    readonly panicId: string,
    readonly confirmedBy: number,
  ) {
    super();
  }
}
