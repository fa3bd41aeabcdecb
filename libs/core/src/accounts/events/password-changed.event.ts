/** A user's password changed: every socket of theirs gets `session_revoked` and is cut. */
export class PasswordChangedEvent {
  constructor(
    readonly userId: string,
    /** The token epoch the change raised: sockets of tokens issued before it are cut. */
    readonly tokenEpoch?: number,
  ) {}
}
