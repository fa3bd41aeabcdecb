/**
 * The answers to a guard's last few clientEventIds, so that a retried update gets its first answer
 * again. Two fixed rings instead of a Map: a Map of 20 keys is a hash table of about 1 KB per guard
 * on shift that rehashes as old keys leave, for the whole shift (memory per connection and work for
 * the GC); the rings are about 400 bytes and never grow. A lookup compares at most `capacity` ids,
 * and distinct ids (UUIDs) differ within their first characters.
 */
export class RecentAnswers<A> {
  private readonly ids: (string | undefined)[];
  private readonly answers: (A | undefined)[];
  private next = 0;

  constructor(capacity: number) {
    this.ids = new Array<string | undefined>(capacity).fill(undefined);
    this.answers = new Array<A | undefined>(capacity).fill(undefined);
  }

  /** The answer kept for `id`, if it is among the last `capacity` remembered. */
  get(id: string): A | undefined {
    const at = this.ids.indexOf(id);
    return at < 0 ? undefined : this.answers[at];
  }

  /** Keeps `answer` for `id` (replacing an earlier one, as Map.set did), forgetting the oldest once full. */
  remember(id: string, answer: A): void {
    const at = this.ids.indexOf(id);
    if (at >= 0) {
      this.answers[at] = answer;
      return;
    }
    this.ids[this.next] = id;
    this.answers[this.next] = answer;
    this.next = (this.next + 1) % this.ids.length;
  }
}
