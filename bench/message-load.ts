/**
 * The messaging part of the fleet scenario: every site's staff posts in the site conversation
 * every `siteMessageIntervalS`, and random pairs of people who share a site write directly at
 * `directMessagesPerS`. Delivery is timed from the scheduled send to each member's
 * `message_created` (the sender's own devices included: they are members too).
 */
import { histogram, ms, percentiles, type Fleet, type Member, type Scenario, type Send } from './common.js';

const now = () => performance.now();
const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];

export class MessageLoad {
  private readonly latency = histogram();
  private readonly ack = histogram();
  private readonly pending = new Map<string, { startAt: number; expected: number; received: number }>();
  private sent = 0;
  private expected = 0;
  private received = 0;
  private next = 0;
  private readonly staffOfSite = new Map<string, Member[]>();
  private readonly guardsOfSite = new Map<string, Member[]>();

  constructor(
    private readonly fleet: Fleet,
    private readonly scenario: Scenario,
    private readonly send: Send,
    staff: Member[],
    guards: Member[],
  ) {
    const siteIdsOf = new Map(fleet.supervisors.map((u) => [u.id, u.siteIds]));
    for (const c of staff)
      for (const site of siteIdsOf.get(c.id) ?? [c.siteId])
        this.staffOfSite.set(site, [...(this.staffOfSite.get(site) ?? []), c]);
    for (const g of guards) this.guardsOfSite.set(g.siteId, [...(this.guardsOfSite.get(g.siteId) ?? []), g]);
  }

  /** Counts a received event; only this run's messages (named by their text) are timed. */
  onEvent(event: string, data: any): void {
    if (event !== 'message_created') return;
    const p = this.pending.get(data?.data?.message?.text as string);
    if (!p) return;
    p.received++;
    this.received++;
    this.latency.recordValue(Math.max(1, Math.round((now() - p.startAt) * 1000)));
  }

  /** Schedules the phase's messages from t0 (performance.now()) for durationS; returns the timers. */
  schedule(t0: number, durationS: number): ReturnType<typeof setTimeout>[] {
    const timers: ReturnType<typeof setTimeout>[] = [];
    const end = t0 + durationS * 1000 - 1000;
    const at = (when: number, fn: () => void) => timers.push(setTimeout(fn, Math.max(0, when - now())));
    const every = this.scenario.siteMessageIntervalS * 1000;
    if (every > 0)
      for (const site of this.fleet.sites) {
        const staff = this.staffOfSite.get(site.id) ?? [];
        if (!staff.length) continue;
        for (let when = t0 + 1000 + Math.random() * every; when < end; when += every)
          at(when, () => this.post(when, pick(staff), { siteId: site.id }, this.membersOf(site.id)));
      }
    const gap = this.scenario.directMessagesPerS > 0 ? 1000 / this.scenario.directMessagesPerS : 0;
    if (gap > 0)
      for (let when = t0 + 1000; when < end; when += gap)
        at(when, () => {
          const from = pick([...this.guardsOfSite.values()].flat());
          const others = this.membersOf(from.siteId).filter((m) => m.id !== from.id);
          if (others.length) this.post(when, from, { toUserId: pick(others).id }, 2);
        });
    return timers;
  }

  result() {
    return {
      sent: this.sent,
      expectedDeliveries: this.expected,
      received: this.received,
      lost: this.expected - this.received,
      ...percentiles(this.latency),
      ackP99: ms(this.ack, 99),
    };
  }

  private membersOf(siteId: string): Member[] {
    return [...(this.staffOfSite.get(siteId) ?? []), ...(this.guardsOfSite.get(siteId) ?? [])];
  }

  private post(scheduledAt: number, from: Member, to: object, recipients: Member[] | number): void {
    const text = `bench message ${this.next++}`;
    const expected = typeof recipients === 'number' ? recipients : recipients.length;
    // From the schedule, as panics are: this process running late counts.
    this.pending.set(text, { startAt: Math.min(scheduledAt, now()), expected, received: 0 });
    this.sent++;
    this.expected += expected;
    void this.send(from.socket, 'message_send', { ...to, text }).then(({ us }) => this.ack.recordValue(us));
  }
}
