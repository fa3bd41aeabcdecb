import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import {
  AppConfig,
  AppError,
  PipelinedTransaction,
  rootLogger,
  type Principal,
  deleteInBatches,
} from '#core';
import { DataSource, type EntityManager } from 'typeorm';
import type { DurableEventName } from '#contract';
import { SYSTEM_ACTOR, type Actor, type Envelope, type NewEvent } from '../contract/envelope.js';
import type { CommittedEvent } from './committed-event.js';
import {
  EventStore,
  type DeferredWrite,
  type IdempotentResult,
  type PendingEvent,
  type SqlValue,
} from './event-store.js';
import type { PoolClient, QueryConfig, QueryResultRow } from 'pg';
import { PlainTransaction, type CommandTransaction } from './plain-transaction.js';

const statementNames = new Map<string, string>();

/**
 * A named (prepared) query for hot-path statements: PostgreSQL plans it once per connection
 * instead of on every command (for a CTE, planning costs more than running). The name is derived
 * from the text, so one text always maps to one name.
 */
export function preparedQuery(text: string, values: SqlValue[]): QueryConfig {
  let name = statementNames.get(text);
  if (!name) {
    // the texts are the product's own statements (a few dozen shapes); the cap is a safety net
    if (statementNames.size >= 1000) statementNames.clear();
    name = `ps_${createHash('sha1').update(text).digest('base64url').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

const CLAIM_KEY_SQL = `INSERT INTO idempotency_keys (user_id, client_event_id, command) VALUES ($1, $2, $3)
  ON CONFLICT DO NOTHING RETURNING command`;

type AppendedRow = { stream: string; seq: string; event_id: string };

export interface WorkMark {
  events: number;
  writes: number;
  raised: number;
}

/** A raised CQRS event and the ids of the appended events whose envelopes it carries. */
interface Raised {
  event: CommittedEvent;
  appended: string | readonly string[];
}

const raisedFor = (appended: string | readonly string[], id: string) =>
  typeof appended === 'string' ? appended === id : appended.includes(id);

/** The transaction of one command: state changes and the durable events they cause. */
export class UnitOfWork {
  /** Filled when the transaction commits: every stored envelope (raised events carry their own). */
  readonly envelopes: Envelope[] = [];
  private readonly pendingEvents: PendingEvent[] = [];
  private readonly deferredWrites: DeferredWrite[] = [];
  private readonly raised: Raised[] = [];
  /** How many raised events have their envelopes (set by the flush that stored their events). */
  private settled = 0;
  constructor(
    readonly tx: EntityManager,
    readonly actor: Actor,
    private readonly store: EventStore,
    private readonly client: PoolClient,
  ) {}

  /** Runs a hot-path statement in this transaction as a prepared statement (see preparedQuery). */
  async prepared<T extends QueryResultRow>(sql: string, params: SqlValue[]): Promise<T[]> {
    return (await this.client.query<T>(preparedQuery(sql, params))).rows;
  }

  /**
   * Appends an event to its streams. It is stored, and given its seqs, in the same transaction,
   * in one statement sent together with COMMIT (see EventStore), and delivered after commit.
   * Returns the event's id.
   */
  append<K extends DurableEventName>(event: NewEvent<K>): string {
    const pending = this.store.pending(this.actor, event);
    this.pendingEvents.push(pending);
    return pending.id;
  }

  /**
   * Raises a CQRS event carrying the envelopes of the `appended` events (ids from `append`). The
   * runner publishes it on the EventBus after the transaction commits, never if it rolls back or
   * rolls back to a savepoint taken before the raise (see CommittedEvent). Returns the event.
   */
  raise<E extends CommittedEvent>(event: E, appended: string | readonly string[] = []): E {
    this.raised.push({ event, appended });
    return event;
  }

  /**
   * Queues a write for the statement that appends the events, saving it a round trip. Only for
   * writes nothing later in the command reads, on rows no other deferred write touches, and that
   * cannot fail for a reason the command should answer (see DeferredWrite).
   */
  defer(sql: string, params: SqlValue[]): void {
    this.deferredWrites.push({ sql, params });
  }

  /**
   * Writes the queued events (giving them their seqs), the deferred writes and the command's
   * stored result in one statement, now. The runner sends that statement with COMMIT instead
   * (finalStatement); work under a SAVEPOINT (the timer poller) flushes before releasing it, so a
   * failure here rolls back to the savepoint too.
   */
  async flush(stored: IdempotentResult | null = null): Promise<void> {
    const final = this.finalStatement(stored);
    if (final) final.record((await this.client.query<AppendedRow>(final.query)).rows);
  }

  /**
   * What `flush` sends, for the runner to send together with COMMIT: the statement (null when
   * nothing is queued) and `record`, which turns its rows into envelopes and empties the queue.
   * Until then the queue stays as it is (a failed flush under a savepoint still discards by mark).
   */
  finalStatement(
    stored: IdempotentResult | null,
  ): { query: QueryConfig; record: (rows: AppendedRow[]) => void } | null {
    if (!this.pendingEvents.length && !this.deferredWrites.length && !stored) return null;
    const [sql, params] = this.store.appendStatement(this.pendingEvents, stored, this.deferredWrites);
    return {
      query: preparedQuery(sql, params),
      record: (rows) => {
        const appended = this.store.envelopes(this.pendingEvents, rows);
        this.envelopes.push(...appended);
        for (let i = this.settled; i < this.raised.length; i++) {
          const r = this.raised[i];
          r.event.envelopes = appended.filter((e) => raisedFor(r.appended, e.id));
        }
        this.settled = this.raised.length;
        this.pendingEvents.length = 0;
        this.deferredWrites.length = 0;
      },
    };
  }

  /**
   * Publishes the raised events, in the order raised: the runner calls it after COMMIT. Each
   * carries the envelopes of the events appended before the flush that followed its raise.
   */
  publishRaised(bus: EventBus): void {
    for (const r of this.raised) bus.publish(r.event);
  }

  /** Where the work stands: taken with a SAVEPOINT, to forget later work on ROLLBACK TO it. */
  mark(): WorkMark {
    return {
      events: this.pendingEvents.length,
      writes: this.deferredWrites.length,
      raised: this.raised.length,
    };
  }

  /** Forgets the events, deferred writes and raised events since `mark` (rolled back to a savepoint). */
  discardSince(mark: WorkMark): void {
    this.pendingEvents.length = mark.events;
    this.deferredWrites.length = mark.writes;
    this.raised.length = mark.raised;
  }
}

export interface CommandContext {
  principal: Principal;
  command: string;
  clientEventId?: string;
  /**
   * The work's first statement, when it does not depend on anything the work decides (a busy
   * command's lock-and-read of its row): sent with BEGIN and the idempotency claim, its rows are
   * handed to the work. Saves that statement's round trip. Prepared (see preparedQuery). It also
   * runs when a retry is replayed, so it must be cheap, and safe to run for nothing.
   */
  prefetch?: QueryConfig;
}

/**
 * Where a command's time went, in ms (0.1 ms steps), from the instants it was started, took its
 * pooled connection, finished its work, had its final statement answered and had COMMIT answered
 * (the two are sent together, so `commit` is what COMMIT took after the final statement). A slow
 * work phase with fast statements in PostgreSQL's log means this process waited for the CPU.
 */
export function commandPhases(at: number[]) {
  const ms = (from: number, to: number) => Math.round((at[to] - at[from]) * 10) / 10;
  return { total: ms(0, 4), poolWait: ms(0, 1), work: ms(1, 2), final: ms(2, 3), commit: ms(3, 4) };
}

export interface CommandOutcome<R> {
  result: R;
  envelopes: Envelope[];
  /** True when this is a retry answered from the idempotency record: nothing happened again. */
  replayed: boolean;
}

export const actorOf = (p: Principal): Actor => ({ userId: p.userId, role: p.role, name: p.name });

/**
 * Runs a command in one transaction: idempotency key, rules and state changes, appended events and
 * the stored result commit together, so a retry with the same clientEventId returns the first
 * result and has no second effect, across restarts and nodes. After COMMIT it publishes the CQRS
 * events the work raised (uow.raise): the one place that decides when an event is published.
 */
@Injectable()
export class CommandRunner {
  private readonly log = rootLogger().child({ context: 'commands' });
  private readonly pipelined: boolean;
  constructor(
    private readonly db: DataSource,
    private readonly store: EventStore,
    private readonly config: AppConfig,
    private readonly bus: EventBus,
  ) {
    this.pipelined = config.FAST_PATH === 'on';
  }

  async run<R, P extends QueryResultRow = QueryResultRow>(
    ctx: CommandContext,
    work: (uow: UnitOfWork, prefetched: P[]) => Promise<R>,
  ): Promise<CommandOutcome<R>> {
    const { clientEventId, prefetch } = ctx;
    // The idempotency key is claimed by the transaction's first statement (sent with BEGIN).
    const claim = clientEventId
      ? preparedQuery(CLAIM_KEY_SQL, [ctx.principal.userId, clientEventId, ctx.command])
      : null;
    const opening = [claim, prefetch].filter((q): q is QueryConfig => !!q);
    return this.transaction(ctx.command, actorOf(ctx.principal), opening, async (uow, answers) => {
      const prefetched = (prefetch ? answers[answers.length - 1] : []) as P[];
      if (!clientEventId) return { result: await work(uow, prefetched), stored: null, replayed: false };
      if (!answers[0].length)
        return { result: await this.replay<R>(uow.tx, ctx), stored: null, replayed: true };
      const result = await work(uow, prefetched);
      return { result, stored: { userId: ctx.principal.userId, clientEventId, result }, replayed: false };
    });
  }

  /** Work done by the server itself (timers, escalations): same transaction rules, system actor. */
  async runSystem<R>(
    work: (uow: UnitOfWork) => Promise<R>,
    actor: Actor = SYSTEM_ACTOR,
  ): Promise<CommandOutcome<R>> {
    return this.transaction('system', actor, [], async (uow) => ({
      result: await work(uow),
      stored: null,
      replayed: false,
    }));
  }

  /**
   * One transaction on one pooled connection: BEGIN with the `opening` statements, the work, then
   * one statement for its events, deferred writes and stored result (UnitOfWork.finalStatement)
   * with COMMIT (see PipelinedTransaction; with FAST_PATH=off, TypeORM's own transaction instead:
   * PlainTransaction). A slow one logs where its time went.
   */
  private async transaction<R>(
    command: string,
    actor: Actor,
    opening: readonly QueryConfig[],
    body: (
      uow: UnitOfWork,
      opened: QueryResultRow[][],
    ) => Promise<{ result: R; stored: IdempotentResult | null; replayed: boolean }>,
  ): Promise<CommandOutcome<R>> {
    const qr = this.db.createQueryRunner();
    const at = [performance.now()];
    let tx: CommandTransaction | undefined;
    try {
      const client = (await qr.connect()) as PoolClient;
      at.push(performance.now());
      tx = this.pipelined ? new PipelinedTransaction(qr, client) : new PlainTransaction(qr, client);
      const opened = await tx.begin(opening);
      const uow = new UnitOfWork(qr.manager, actor, this.store, client);
      const { result, stored, replayed } = await body(uow, opened);
      at.push(performance.now());
      const final = uow.finalStatement(stored);
      if (!final) at.push(performance.now()); // no final statement: its phase is empty
      const rows = await tx.commit<AppendedRow>(final?.query ?? null, () => at.push(performance.now()));
      final?.record(rows!);
      at.push(performance.now());
      this.reportIfSlow(command, at);
      // A replay ran no work, so raised nothing: retries and duplicates are never published.
      uow.publishRaised(this.bus);
      return { result, envelopes: uow.envelopes, replayed };
    } catch (err) {
      await tx?.rollback();
      await tx?.discardIfBroken(err);
      throw err;
    } finally {
      await qr.release(); // no-op once discarded
    }
  }

  private reportIfSlow(command: string, at: number[]): void {
    const ms = commandPhases(at);
    if (ms.total >= this.config.SLOW_COMMAND_MS) this.log.warn({ command, ms }, 'slow command');
  }

  private async replay<R>(tx: EntityManager, ctx: CommandContext): Promise<R> {
    const [row] = (await tx.query(
      'SELECT command, result FROM idempotency_keys WHERE user_id = $1 AND client_event_id = $2',
      [ctx.principal.userId, ctx.clientEventId],
    )) as { command: string; result: R }[];
    if (row.command !== ctx.command)
      throw AppError.conflict(`clientEventId was already used for ${row.command}`, {
        field: 'clientEventId',
      });
    return row.result;
  }

  async pruneKeysOlderThan(cutoff: Date): Promise<void> {
    await deleteInBatches(this.db, 'idempotency_keys', 'created_at < $1', [cutoff]);
  }
}
