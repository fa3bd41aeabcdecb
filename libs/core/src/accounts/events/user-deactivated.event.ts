/** An admin deactivated a user: every socket of theirs gets `session_revoked` and is cut. */
export class UserDeactivatedEvent {
  constructor(
    readonly userId: string,
    /** The token epoch the deactivation raised: sockets of tokens issued before it are cut. */
    readonly tokenEpoch?: number,
  ) {}
}
