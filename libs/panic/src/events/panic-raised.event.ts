import { CommittedEvent } from '#realtime';

/** A new panic was stored; `envelopes` holds its `panic_alert` on the site staff stream. */
export class PanicRaisedEvent extends CommittedEvent {
  constructor(
    readonly panicId: string,
    readonly guardId: string,
  ) {
    super();
  }
}
