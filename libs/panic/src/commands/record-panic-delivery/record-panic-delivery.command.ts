/** The devices that confirmed a panic's alert within the receipt window (their users' ids). */
export class RecordPanicDeliveryCommand {
  constructor(
    readonly panicId: string,
    readonly guardId: string,
    readonly confirmedBy: string[],
  ) {}
}
