import type { Envelope } from '#realtime';

/** A new panic was stored; `envelopes` holds its `panic_alert` on the site staff stream. */
export class PanicRaisedEvent {
  constructor(
    readonly panicId: string,
    readonly guardId: string,
    readonly envelopes: Envelope[],
  ) {}
}
