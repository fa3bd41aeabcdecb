import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { AppConfig, rootLogger } from '#core';
import type { Envelope } from '../contract/envelope.js';
import { EventStore } from '../streams/event-store.js';
import { DurableDelivery } from './durable-delivery.service.js';
import { LogListener } from './log-listener.js';
import { parseLogNotice, STREAM_EVENTS_CHANNEL } from './log-notice.js';
import { PollPolicy } from './poll-policy.js';

/**
 * How long a stream that is behind waits before the log is read: the local emit after commit and
 * Redis pub/sub deliver within a few ms when they work, and a read they made useless costs a query.
 */
const GRACE_MS = 50;
/** Events read per stream per catch-up query; a stream further behind is read again at once. */
const PAGE = 200;

/**
 * Makes durable delivery independent of Redis: this node follows the PostgreSQL event log for the
 * streams its sockets hold (DurableDelivery's cursors). A NOTIFY from the log's trigger wakes it;
 * a catch-up read by stream and seq is the guarantee; a poll every LOG_CATCH_UP_POLL_MS that
 * compares the streams' heads (PollPolicy) is the backstop for NOTIFYs lost while the listening
 * connection was down.
 */
@Injectable()
export class LogFollower implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = rootLogger().child({ context: 'log-follower' });
  /** Streams to read, with the head they must reach (Infinity: read whatever follows the cursor). */
  private readonly dirty = new Map<string, number>();
  private everything = false;
  private timer?: NodeJS.Timeout;
  private poller?: NodeJS.Timeout;
  private running = false;
  private failing = false;
  private stopped = false;
  private readonly policy = new PollPolicy(10);

  constructor(
    private readonly config: AppConfig,
    private readonly delivery: DurableDelivery,
    private readonly listener: LogListener,
    private readonly events: EventStore,
  ) {}

  onModuleInit(): void {
    this.delivery.onBehind((stream) => this.schedule(stream, Infinity));
    this.listener.on(STREAM_EVENTS_CHANNEL, (payload) => {
      const notice = parseLogNotice(payload);
      if (notice.everything) return this.scheduleAll();
      for (const [stream, head] of notice.heads) {
        const cursor = this.delivery.cursorOf(stream);
        if (cursor === null || (cursor !== undefined && cursor < head)) this.schedule(stream, head);
      }
    });
    this.listener.onConnected(() => this.scheduleAll());
  }

  onApplicationBootstrap(): void {
    this.poller = setInterval(() => this.poll(), this.config.LOG_CATCH_UP_POLL_MS);
    this.poller.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.poller);
    clearTimeout(this.timer);
  }

  private poll(): void {
    if (this.policy.fullCheckDue(this.listener.upSince, this.failing)) this.scheduleAll();
  }

  private schedule(stream: string, head: number): void {
    this.dirty.set(stream, Math.max(head, this.dirty.get(stream) ?? 0));
    this.arm();
  }

  private scheduleAll(): void {
    this.everything = true;
    this.arm();
  }

  private arm(): void {
    if (this.timer || this.running || this.stopped) return;
    this.timer = setTimeout(() => void this.run(), GRACE_MS);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    this.running = true;
    const everything = this.everything;
    const streams = new Map(this.dirty);
    this.everything = false;
    this.dirty.clear();
    try {
      await this.catchUp(everything ? null : streams);
      if (this.failing) this.log.info('reading the event log again');
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.log.warn({ err }, 'event log catch-up failed; retrying at the next poll');
      this.failing = true;
      streams.forEach((head, s) => this.dirty.set(s, head));
      this.everything ||= everything;
    } finally {
      this.running = false;
      if (!this.failing && (this.everything || this.dirty.size)) this.arm();
    }
  }

  /**
   * Reads the log after each cursor of `only` (null: every followed stream) and delivers it. A
   * stream that reached the head it was scheduled for meanwhile (the fast paths won) is not read.
   */
  private async catchUp(only: Map<string, number> | null): Promise<void> {
    const wanted = (s: string) => only === null || only.has(s);
    const unstarted = this.delivery.unstarted().filter(wanted);
    let cursors = only === null ? this.delivery.started() : this.behind(only);
    if (only === null || unstarted.length) {
      // A full check compares cursors with the heads first, so only streams behind are read.
      const heads = await this.events.heads([...unstarted, ...cursors.map(([s]) => s)]);
      for (const s of unstarted) this.delivery.start(s, heads[s]);
      if (only === null) cursors = cursors.filter(([s, at]) => heads[s] > at);
    }
    if (!cursors.length) return;
    const read = await this.events.readAfterEach(cursors, PAGE);
    const byStream = new Map<string, Envelope[]>();
    for (const env of read) {
      const page = byStream.get(env.stream);
      if (page) page.push(env);
      else byStream.set(env.stream, [env]);
    }
    for (const [stream, after] of cursors) {
      const page = byStream.get(stream);
      if (!page) continue;
      // The log has no gaps but at its start: a first seq past the cursor means retention pruned
      // the seqs between, which nobody can be given any more.
      if (page[0].seq > after + 1) this.delivery.skipTo(stream, page[0].seq - 1);
      this.delivery.accept(page);
      if (page.length === PAGE) this.dirty.set(stream, Infinity);
    }
  }

  /**
   * The scheduled streams whose cursor is still short of the head they were scheduled for. Looked
   * up one by one: a node follows thousands of streams, and a NOTIFY names only a few of them.
   */
  private behind(only: Map<string, number>): [string, number][] {
    const out: [string, number][] = [];
    for (const [stream, head] of only) {
      const at = this.delivery.cursorOf(stream);
      if (typeof at === 'number' && at < head) out.push([stream, at]);
    }
    return out;
  }
}
