/**
 * Decides at each poll whether the log follower compares every followed stream with the log's
 * heads. While the listener stayed connected since the last poll no NOTIFY can have been missed,
 * so a poll then checks only one time in `quietPollsPerCheck` (a safety net, not the mechanism);
 * after the listener was down, or while reads fail, every poll checks.
 */
export class PollPolicy {
  private quietPolls = 0;

  constructor(
    private readonly quietPollsPerCheck: number,
    private lastPoll = Date.now(),
  ) {}

  /** @param upSince when the listener's connection came up (null while down) */
  fullCheckDue(upSince: number | null, failing: boolean, now = Date.now()): boolean {
    const quiet = upSince !== null && upSince < this.lastPoll && !failing;
    this.lastPoll = now;
    if (quiet && ++this.quietPolls < this.quietPollsPerCheck) return false;
    this.quietPolls = 0;
    return true;
  }
}
