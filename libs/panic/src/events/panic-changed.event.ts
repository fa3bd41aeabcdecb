import type { Envelope } from '#realtime';

/** A panic was acknowledged or resolved; the envelopes go to the site staff and the raiser. */
export class PanicAcknowledgedEvent {
  constructor(
    readonly panicId: string,
    readonly envelopes: Envelope[],
  ) {}
}

export class PanicResolvedEvent {
  constructor(
    readonly panicId: string,
    readonly envelopes: Envelope[],
  ) {}
}
